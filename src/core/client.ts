import { createConnection, idleSnapshot, type Connection } from './connection'
import type { ConnectionSnapshot, SSEEventData, SSEEventType, SSEListener, StreamOptions, SubscribeOptions, Unsubscribe } from './types'

declare const process: { env: { NODE_ENV?: string } } | undefined

/** Browsers allow about this many HTTP/1.1 connections per origin, across all tabs. */
const CONNECTIONS_PER_ORIGIN = 6

/** Later objects win, but an `undefined` value never overrides an earlier one. */
export const mergeDefined = <T extends object>(...layers: T[]): T => {
  const merged: Record<string, unknown> = {}
  for (const layer of layers) for (const [name, value] of Object.entries(layer)) if (value !== undefined) merged[name] = value
  return merged as T
}

/** What a connection keeps of the options: never a subscriber's callbacks, which would outlive it. */
const transportOptions = ({
  withCredentials,
  EventSource,
  reconnect,
  closeDelay,
  lastEventIdParam,
  maxMessageBytes,
  pauseWhenHidden,
}: StreamOptions): StreamOptions => ({ withCredentials, EventSource, reconnect, closeDelay, lastEventIdParam, maxMessageBytes, pauseWhenHidden })

const originOf = (url: string): string => url.split('/').slice(0, 3).join('/')

/** Development only: one warning per origin once a client holds more streams to it than browsers allow. */
function warnOverBudget(connections: Map<string, Connection>, warnedOrigins: Set<string>, url: string): void {
  const origin = originOf(url)
  const streams = [...connections.values()].map((c) => c.url).filter((u) => originOf(u) === origin)
  if (warnedOrigins.has(origin) || streams.length <= CONNECTIONS_PER_ORIGIN) return
  warnedOrigins.add(origin)
  console.warn(
    `sse-hooks: ${streams.length} streams to ${origin}; browsers allow ~${CONNECTIONS_PER_ORIGIN} ` +
      `HTTP/1.1 connections per origin across tabs. Share one stream or use HTTP/2:\n${streams.join('\n')}`,
  )
}

/**
 * The framework-agnostic connection manager: one EventSource per stream key
 * (absolute URL + transport options by value), shared and ref-counted by
 * every subscriber. Each instance is its own registry, so tests and
 * providers stay isolated.
 *
 * @example
 * const client = new SSEClient({ withCredentials: true })
 * const unsubscribe = client.subscribe('/api/events', 'ping', (ping) => console.log(ping))
 * client.getSnapshot('/api/events').status // 'connecting' | 'open' | 'reconnecting' | 'closed'
 * unsubscribe() // the last one out closes the stream after `closeDelay`
 */
export class SSEClient {
  readonly #connections = new Map<string, Connection>()
  readonly #defaults: StreamOptions
  readonly #constructorIds = new WeakMap<object, number>()
  readonly #absoluteUrls = new Map<string, string>()
  readonly #warnedOrigins = new Set<string>()
  #constructorCount = 0

  constructor(defaults: StreamOptions = {}) {
    this.#defaults = defaults
  }

  /**
   * Calls `listener` with the decoded payload of every `type` event on the stream at `url`.
   * Opens the stream if this is its first subscriber.
   */
  subscribe<TType extends SSEEventType, TData extends SSEEventData<TType> = SSEEventData<TType>>(
    url: string,
    type: TType,
    listener: SSEListener<TData>,
    options: SubscribeOptions<TData> = {},
  ): Unsubscribe {
    return this.#connection(url, options).subscribe(type, listener as SSEListener, options)
  }

  /** Calls `listener` whenever the stream's state changes, and keeps the stream open meanwhile. */
  subscribeState(url: string, listener: () => void, options: StreamOptions = {}): Unsubscribe {
    return this.#connection(url, options).subscribeState(listener)
  }

  /** The stream's current state; an idle snapshot for a stream that is not open. */
  getSnapshot(url: string, options: StreamOptions = {}): ConnectionSnapshot {
    return this.#connections.get(this.keyFor(url, options))?.getSnapshot() ?? idleSnapshot
  }

  /** Closes the stream for every subscriber and stops retrying, until `reconnect`. */
  close(url: string, options: StreamOptions = {}): void {
    this.#connections.get(this.keyFor(url, options))?.close()
  }

  /** Opens the stream anew now (resuming from the last event id), also after `close` or a give-up. */
  reconnect(url: string, options: StreamOptions = {}): void {
    this.#connections.get(this.keyFor(url, options))?.reconnect()
  }

  /** Open streams and their subscribers (event listeners plus state listeners). */
  getStats(): { connections: number; subscribers: number } {
    let subscribers = 0
    for (const connection of this.#connections.values()) subscribers += connection.subscriberCount()
    return { connections: this.#connections.size, subscribers }
  }

  /**
   * The sharing key of a stream: what the request depends on (absolute URL, credentials mode,
   * EventSource implementation, resume parameter). Equal keys share one EventSource; the other
   * options come from whoever opens the stream first, normally the provider.
   */
  keyFor(url: string, options: StreamOptions = {}): string {
    // Hooks call this on every render: read the three fields directly, and resolve each URL once.
    const defaults = this.#defaults
    const EventSource = options.EventSource ?? defaults.EventSource
    const ids = this.#constructorIds
    if (EventSource && !ids.has(EventSource)) ids.set(EventSource, ++this.#constructorCount)
    return JSON.stringify([
      this.#absolute(url),
      options.withCredentials ?? defaults.withCredentials ?? false,
      EventSource && ids.get(EventSource),
      options.lastEventIdParam ?? defaults.lastEventIdParam ?? 'lastEventId',
    ])
  }

  /** Resolves a URL against the document, so relative and absolute forms of one stream share. */
  #absolute(url: string): string {
    const base = globalThis.document?.baseURI ?? globalThis.location?.href
    const cacheKey = `${base} ${url}`
    const urls = this.#absoluteUrls
    let absolute = urls.get(cacheKey)
    if (absolute === undefined) {
      if (urls.size > 100) urls.clear() // bounded across client-side navigations
      try {
        absolute = new URL(url, base).href
      } catch {
        absolute = url
      }
      urls.set(cacheKey, absolute)
    }
    return absolute
  }

  #connection(url: string, options: StreamOptions): Connection {
    const key = this.keyFor(url, options)
    let connection = this.#connections.get(key)
    if (!connection) {
      const created = createConnection(this.#absolute(url), transportOptions(mergeDefined(this.#defaults, options)), () => {
        if (this.#connections.get(key) === created) this.#connections.delete(key)
      })
      this.#connections.set(key, (connection = created))
      // No `process` at all (a browser without a bundler) counts as production.
      if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') warnOverBudget(this.#connections, this.#warnedOrigins, created.url)
    }
    return connection
  }
}
