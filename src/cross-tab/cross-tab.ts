import type { Transport, TransportRequest } from '../core/transport'
import type { Unsubscribe } from '../core/types'
import { notify } from '../core/report'
import { absoluteUrl } from '../core/url'
import { eventSource } from '../transports/event-source'
import { browserTab, type CrossTabOptions } from './environment'
import { createHub, type Hub } from './hub'

/**
 * This tab's part in one stream:
 * - `'leader'`: it holds the connection every tab shares
 * - `'follower'`: another tab holds it, and relays to this one
 * - `'alone'`: no Web Locks or BroadcastChannel here (SSR, an old browser): a stream opened in
 *   this tab has a connection of its own
 * - `'idle'`: no stream of this URL is open in this tab
 */
export type CrossTabRole = 'leader' | 'follower' | 'alone' | 'idle'

export interface CrossTabSnapshot {
  readonly role: CrossTabRole
  /** Tabs sharing the connection, this one included (as the leader counts them); 1 alone, 0 idle. */
  readonly tabs: number
}

/** A transport shared by every tab, that also tells which part this tab plays. */
export interface CrossTabTransport extends Transport {
  /** This tab's part in the stream at `url` (resolved against the document). A new object on every change. */
  getSnapshot(url: string): CrossTabSnapshot
  /** Calls `listener` when a role or a count of tabs changes. */
  subscribe(listener: () => void): Unsubscribe
}

export const idle: CrossTabSnapshot = Object.freeze({ role: 'idle', tabs: 0 })
const alone: CrossTabSnapshot = Object.freeze({ role: 'alone', tabs: 1 })

/**
 * One connection per stream for the whole browser: in each stream's key, one tab (the holder of a
 * Web Lock) connects through `inner` and relays every event, id, status and error over a
 * BroadcastChannel to the other tabs; when it goes (closed, crashed, frozen, cached), another takes
 * over from the last event id. Where Web Locks or BroadcastChannel are missing it is `inner` as it
 * is, one connection per tab. Create it once, outside components.
 *
 * @example
 * import { crossTab } from 'sse-hooks/cross-tab'
 * import { fetchTransport } from 'sse-hooks/fetch'
 *
 * const shared = crossTab(fetchTransport({ headers: () => ({ Authorization: `Bearer ${token()}` }), key: userId }))
 * <SSEProvider url="/api/events" transport={shared}>
 */
export function crossTab(inner?: Transport, options: CrossTabOptions = {}): CrossTabTransport {
  const hubs = new Set<Hub>()
  const listeners = new Set<() => void>()
  // A listener's bug stays its own: the hub that changed carries on.
  const changed = () => notify(listeners)
  const innerKey = inner?.key ?? 'eventsource'
  const innerFor = (request: TransportRequest): Transport => inner ?? eventSource(request.options?.EventSource, request.options ?? {})
  // Looked up when asked, not at import: nothing runs on the server, and a late polyfill counts.
  const locksOf = () => options.locks ?? globalThis.navigator?.locks
  const channelOf = () => options.BroadcastChannel ?? globalThis.BroadcastChannel

  return {
    key: `cross-tab ${innerKey}`,
    open(request, sink) {
      const locks = locksOf()
      const Channel = channelOf()
      if (!locks || !Channel) return innerFor(request).open(request, sink)
      const name = `sse-hooks ${JSON.stringify([request.url, innerKey, request.withCredentials])}`
      let hub = [...hubs].find((candidate) => candidate.name === name && !candidate.attached())
      if (!hub) {
        const created: Hub = createHub({
          name,
          url: request.url,
          inner: innerFor,
          locks,
          Channel,
          tab: options.tab ?? browserTab,
          onChange: changed,
          onDispose() {
            hubs.delete(created)
            changed()
          },
        })
        hubs.add((hub = created))
      }
      return hub.attach(request, sink)
    },
    getSnapshot(url) {
      const target = absoluteUrl(url)
      const hub = [...hubs].find((candidate) => candidate.url === target)
      if (hub) return hub.snapshot()
      return locksOf() && channelOf() ? idle : alone
    },
    subscribe(listener) {
      const entry = () => listener()
      listeners.add(entry)
      return () => listeners.delete(entry)
    },
  }
}
