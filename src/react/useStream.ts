'use client'
import { useContext, useEffect, useLayoutEffect } from 'react'
import type { SSEClient } from '../core/client'
import type { StreamOptions } from '../core/types'
import { SSEContext } from './context'

export interface Stream {
  readonly client: SSEClient
  readonly url: string
  readonly options: StreamOptions
  /** Equal keys mean the same stream: hooks depend on it instead of on option objects. */
  readonly key: string
}

/** Layout effects warn during server rendering in React 18; effects there never run anyway. */
export const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** Resolves the client, URL and options of a hook: its own, over the provider's. */
export function useStream(url: string | undefined, options: StreamOptions): Stream {
  const context = useContext(SSEContext)
  if (!context) {
    throw new Error('sse-hooks: useSSEEvent and useEventSource need an <SSEProvider> above them')
  }
  const streamUrl = url ?? context.url
  if (!streamUrl) {
    throw new Error('sse-hooks: no stream URL; give <SSEProvider url="…"> or the hook a url')
  }
  const merged: Record<string, unknown> = { ...context.options }
  for (const [name, value] of Object.entries(options)) if (value !== undefined) merged[name] = value
  return {
    client: context.client,
    url: streamUrl,
    options: merged as StreamOptions,
    key: context.client.keyFor(streamUrl, merged as StreamOptions),
  }
}
