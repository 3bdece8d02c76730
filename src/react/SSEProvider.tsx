'use client'
import { createElement, useMemo, useState, type ReactElement, type ReactNode } from 'react'
import { StreamRegistry, type SSEClient } from '../core/client'
import type { SSEOptions } from '../core/types'
import { SSEContext } from './context'
import { useOffer } from './offer'
import { useRelay } from './relay'

export interface SSEProviderProps extends SSEOptions {
  /** The stream hooks use when they name no `url`. Relative URLs resolve against the document. */
  url?: string | undefined
  /** A client of your own (to share with non-React code or tests). Default: one per provider. */
  client?: SSEClient | undefined
  children?: ReactNode | undefined
}

/**
 * Owns the `SSEClient` that every hook below shares: one stream per URL,
 * however many components listen. Its options are the defaults of every
 * hook below; a hook's own options win.
 *
 * @example
 * <SSEProvider url="/api/events" withCredentials reconnect={{ maxRetries: 20 }}>
 *   <App />
 * </SSEProvider>
 */
export function SSEProvider({ url, client, children, ...options }: SSEProviderProps): ReactElement {
  const [ownClient] = useState(() => new StreamRegistry())
  const activeClient = client ?? ownClient
  useOffer(activeClient, options.transport)
  // Options compared by value, so an inline `reconnect={{…}}` or `transport={fetchTransport(…)}` does not
  // re-render every consumer: JSON keeps a transport's key and leaves out functions, which are listed.
  const optionsKey = JSON.stringify(options)
  // The same function for every hook below, so a recovery calls it once whatever the number of hooks.
  const onReconnect = useRelay(options.onReconnect)
  const value = useMemo(
    () => ({ client: activeClient, url, options: { ...options, onReconnect } }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activeClient, url, optionsKey, options.EventSource, options.page, onReconnect],
  )
  // createElement rather than JSX, the only JSX of the entry: its build then imports no react/jsx-runtime.
  return createElement(SSEContext.Provider, { value }, children)
}
