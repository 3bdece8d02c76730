'use client'
import { useMemo, useState, type ReactNode } from 'react'
import { SSEClient } from '../core/client'
import type { StreamOptions } from '../core/types'
import { SSEContext } from './context'

export interface SSEProviderProps extends StreamOptions {
  /** The stream hooks use when they name no `url`. Relative URLs resolve against the document. */
  url?: string | undefined
  /** A client of your own (to share with non-React code or tests). Default: one per provider. */
  client?: SSEClient | undefined
  children?: ReactNode | undefined
}

/**
 * Owns the `SSEClient` that every hook below shares: one EventSource per
 * stream, however many components listen. Its options are the defaults of
 * every hook below; a hook's own options win.
 *
 * @example
 * <SSEProvider url="/api/events" withCredentials reconnect={{ maxRetries: 20 }}>
 *   <App />
 * </SSEProvider>
 */
export function SSEProvider({
  url,
  client,
  children,
  withCredentials,
  EventSource,
  reconnect,
  closeDelay,
  lastEventIdParam,
  maxMessageBytes,
  pauseWhenHidden,
}: SSEProviderProps) {
  const [ownClient] = useState(() => new SSEClient())
  const activeClient = client ?? ownClient
  const value = useMemo(() => {
    const options: Record<string, unknown> = {
      withCredentials,
      EventSource,
      reconnect,
      closeDelay,
      lastEventIdParam,
      maxMessageBytes,
      pauseWhenHidden,
    }
    for (const name of Object.keys(options)) if (options[name] === undefined) delete options[name]
    return { client: activeClient, url, options: options as StreamOptions }
  }, [activeClient, url, withCredentials, EventSource, reconnect, closeDelay, lastEventIdParam, maxMessageBytes, pauseWhenHidden])
  return <SSEContext.Provider value={value}>{children}</SSEContext.Provider>
}
