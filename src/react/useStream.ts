'use client'
import { useContext, useMemo } from 'react'
import { mergeDefined, type StreamHandle } from '../core/client'
import type { SSEOptions } from '../core/types'
import { SSEContext } from './context'
import { useOffer } from './offer'
import { useRelay } from './relay'

/**
 * The stream a hook follows: its own options over the provider's, resolved to a handle once per
 * change of the URL or of what the stream depends on, never per render.
 */
export function useStream(url: string | undefined, options: SSEOptions): StreamHandle {
  const context = useContext(SSEContext)
  const streamUrl = url ?? context?.url
  if (!context || !streamUrl) throw new Error('sse-hooks: needs an <SSEProvider> above, and a url on it or on the hook')
  const { client, options: defaults } = context
  // Read field by field: this runs on every render of every hook, so it allocates nothing.
  const transport = options.transport ?? defaults.transport
  const EventSource = options.EventSource ?? defaults.EventSource
  const withCredentials = options.withCredentials ?? defaults.withCredentials
  const lastEventIdParam = options.lastEventIdParam ?? defaults.lastEventIdParam
  const batch = options.batch ?? defaults.batch
  const onReconnect = useRelay(options.onReconnect)
  useOffer(client, options.transport)
  // The other options belong to the stream and come from whoever opens it first.
  return useMemo(
    () => client.stream(streamUrl, mergeDefined(defaults, options, { onReconnect }), [defaults.onReconnect]),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, streamUrl, transport?.key, EventSource, withCredentials, lastEventIdParam, batch, onReconnect, defaults.onReconnect],
  )
}
