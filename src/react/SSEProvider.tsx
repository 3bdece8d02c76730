'use client'
import { useMemo, useState, type ReactNode } from 'react'
import { SSEClient } from '../core/client'
import { SSEContext, type HookDefaults } from './context'
import { createFrameScheduler } from './frameScheduler'

export interface SSEProviderProps extends HookDefaults {
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
export function SSEProvider({ url, client, children, ...options }: SSEProviderProps) {
  const [ownClient] = useState(() => new SSEClient())
  const [scheduleFrame] = useState(createFrameScheduler)
  const activeClient = client ?? ownClient
  // Options compared by value (JSON leaves out the EventSource constructor, a dependency of its own),
  // so an inline `reconnect={{…}}` does not re-render every consumer.
  const optionsKey = JSON.stringify(options)
  const value = useMemo(
    () => ({ client: activeClient, url, options, scheduleFrame }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activeClient, url, optionsKey, options.EventSource],
  )
  return <SSEContext.Provider value={value}>{children}</SSEContext.Provider>
}
