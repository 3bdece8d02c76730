'use client'
import { createContext } from 'react'
import type { SSEClient } from '../core/client'
import type { StreamOptions } from '../core/types'

export interface SSEContextValue {
  readonly client: SSEClient
  readonly url: string | undefined
  readonly options: StreamOptions
}

export const SSEContext = createContext<SSEContextValue | null>(null)
