'use client'
import { useContext } from 'react'
import { mergeDefined, type SSEClient } from '../core/client'
import { SSEContext, type HookDefaults } from './context'
import type { FrameScheduler } from './frameScheduler'

export interface Stream {
  readonly client: SSEClient
  readonly url: string
  readonly options: HookDefaults
  readonly scheduleFrame: FrameScheduler
  /** Equal keys mean the same stream: hooks depend on it instead of on option objects. */
  readonly key: string
}

/** Resolves the client, URL and options of a hook: its own, over the provider's. */
export function useStream(url: string | undefined, options: HookDefaults): Stream {
  const context = useContext(SSEContext)
  const streamUrl = url ?? context?.url
  if (!context || !streamUrl) throw new Error('sse-hooks: needs an <SSEProvider> above, and a url on it or on the hook')
  const { client, scheduleFrame } = context
  const merged = mergeDefined(context.options, options)
  return { client, url: streamUrl, options: merged, scheduleFrame, key: client.keyFor(streamUrl, merged) }
}
