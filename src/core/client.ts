import { resolveReconnectPolicy } from './backoff'
import { createConnection, type Connection, type ResolvedStreamOptions } from './connection'
import type { ConnectionSnapshot, SSEEventData, SSEEventType, SSEListener, StreamOptions, SubscribeOptions, Unsubscribe } from './types'

declare const process: { env: Record<string, string | undefined> }

/** Browsers allow about this many HTTP/1.1 connections per origin, across all tabs. */
const CONNECTIONS_PER_ORIGIN = 6

/** The state of a stream nobody has opened yet, and the server snapshot. */
export const idleSnapshot: ConnectionSnapshot = Object.freeze({ status: 'connecting', readyState: 0, error: null, lastEventId: '' })

const defaultStreamOptions = {
  withCredentials: false,
  closeDelay: 100,
  lastEventIdParam: 'lastEventId',
  maxMessageBytes: Infinity,
  pauseWhenHidden: false,
}

/** Later objects win, but an `undefined` value never overrides a default. */
export const mergeDefined = <T extends object>(...layers: T[]): T => {
  const merged: Record<string, unknown> = {}
  for (const layer of layers) for (const [name, value] of Object.entries(layer)) if (value !== undefined) merged[name] = value
  return merged as T
}

const documentBase = () => globalThis.document?.baseURI ?? globalThis.location?.href

/** Resolves a URL against the document, so relative and absolute forms of one stream share. */
const absoluteUrl = (url: string, base = documentBase()): string => {
  try {
    return new URL(url, base).href
  } catch {
    return url
  }
}

const originOf = (url: string): string => absoluteUrl(url).split('/').slice(0, 3).join('/')

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
  readonly #warnedOrigins = new Set<string>()
  readonly #absoluteUrls = new Map<string, string>()
  #nextConstructorId = 1

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
    let id = EventSource && this.#constructorIds.get(EventSource)
    if (EventSource && !id) this.#constructorIds.set(EventSource, (id = this.#nextConstructorId++))
    const base = documentBase()
    const cacheKey = `${base} ${url}`
    let absolute = this.#absoluteUrls.get(cacheKey)
    if (absolute === undefined) {
      if (this.#absoluteUrls.size > 100) this.#absoluteUrls.clear() // bounded across client-side navigations
      this.#absoluteUrls.set(cacheKey, (absolute = absoluteUrl(url, base)))
    }
    return JSON.stringify([
      absolute,
      options.withCredentials ?? defaults.withCredentials ?? false,
      id,
      options.lastEventIdParam ?? defaults.lastEventIdParam ?? defaultStreamOptions.lastEventIdParam,
    ])
  }

  #resolve(options: StreamOptions): ResolvedStreamOptions {
    // Only transport options: hooks pass theirs along with url, schema and the like.
    const { withCredentials, EventSource, reconnect, closeDelay, lastEventIdParam, maxMessageBytes, pauseWhenHidden } =
      mergeDefined<StreamOptions>(defaultStreamOptions, this.#defaults, options) as Omit<ResolvedStreamOptions, 'reconnect'> &
        Pick<StreamOptions, 'reconnect'>
    return {
      withCredentials,
      EventSource,
      reconnect: reconnect !== false && resolveReconnectPolicy(reconnect),
      closeDelay,
      lastEventIdParam,
      maxMessageBytes,
      pauseWhenHidden,
    }
  }

  #connection(url: string, options: StreamOptions): Connection {
    const key = this.keyFor(url, options)
    let connection = this.#connections.get(key)
    if (!connection) {
      const created = createConnection(absoluteUrl(url), this.#resolve(options), () => {
        if (this.#connections.get(key) === created) this.#connections.delete(key)
      })
      this.#connections.set(key, (connection = created))
      this.#warnOverBudget(created.url)
    }
    return connection
  }

  #warnOverBudget(url: string): void {
    try {
      if (process.env.NODE_ENV === 'production') return
    } catch {
      return // no bundler defined it and there is no `process`: a plain browser build
    }
    const origin = originOf(url)
    const streams = [...this.#connections.values()].map((c) => c.url).filter((u) => originOf(u) === origin)
    if (this.#warnedOrigins.has(origin) || streams.length <= CONNECTIONS_PER_ORIGIN) return
    this.#warnedOrigins.add(origin)
    console.warn(
      `sse-hooks: ${streams.length} streams to ${origin}; browsers allow ~${CONNECTIONS_PER_ORIGIN} ` +
        `HTTP/1.1 connections per origin across tabs. Share one stream or use HTTP/2:\n${streams.join('\n')}`,
    )
  }
}
