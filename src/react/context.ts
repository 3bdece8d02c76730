'use client'
import { createContext } from 'react'
import type { StreamRegistry } from '../core/client'
import type { SSEOptions } from '../core/types'

export interface SSEContextValue {
  readonly client: StreamRegistry
  readonly url: string | undefined
  readonly options: SSEOptions
}

export const SSEContext = createContext<SSEContextValue | null>(null)
