'use client'
import { useContext, useEffect, useLayoutEffect } from 'react'
import { mergeDefined, type SSEClient } from '../core/client'
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
  const streamUrl = url ?? context?.url
  if (!context || !streamUrl) throw new Error('sse-hooks: needs an <SSEProvider> above, and a url on it or on the hook')
  const merged = mergeDefined(context.options, options)
  return { client: context.client, url: streamUrl, options: merged, key: context.client.keyFor(streamUrl, merged) }
}
