'use client'
import { createContext } from 'react'
import type { SSEClient } from '../core/client'
import type { SSEOptions } from '../core/types'

export interface SSEContextValue {
  readonly client: SSEClient
  readonly url: string | undefined
  readonly options: SSEOptions
}

export const SSEContext = createContext<SSEContextValue | null>(null)
