'use client'
import { createContext } from 'react'
import type { SSEClient } from '../core/client'
import type { StreamOptions } from '../core/types'
import type { FrameScheduler } from './frameScheduler'

/** How state hooks hand events to React: each at once, or the latest once per animation frame. */
export type SSEBatchMode = 'sync' | 'frame'

export interface HookDefaults extends StreamOptions {
  /** `'frame'` makes state hooks commit at most once per animation frame under a burst. Default `'sync'`. */
  batch?: SSEBatchMode | undefined
}

export interface SSEContextValue {
  readonly client: SSEClient
  readonly url: string | undefined
  readonly options: HookDefaults
  readonly scheduleFrame: FrameScheduler
}

export const SSEContext = createContext<SSEContextValue | null>(null)
