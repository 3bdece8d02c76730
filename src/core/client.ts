import { resolveReconnectPolicy } from './backoff'
import { createConnection, type Connection, type ResolvedStreamOptions } from './connection'
import type {
  ConnectionSnapshot,
  SSEEventData,
  SSEListener,
  StreamOptions,
  SubscribeOptions,
  Unsubscribe,
} from './types'

declare const process: { env: Record<string, string | undefined> }

/** Browsers allow about this many HTTP/1.1 connections per origin, across all tabs. */
const CONNECTIONS_PER_ORIGIN = 6

/** The state of a stream nobody has opened yet, and the server snapshot. */
export const idleSnapshot: ConnectionSnapshot = Object.freeze({
  status: 'connecting',
  readyState: 0,
  error: null,
  lastEventId: '',
})

const isDevelopment = (): boolean => {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false // no bundler defined it and there is no `process`: a plain browser build
  }
}

/** Resolves a URL against the document, so relative and absolute forms of one stream share. */
const absoluteUrl = (url: string): string => {
  try {
    return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href).href
  } catch {
    return url
  }
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
  #nextConstructorId = 1
  readonly #warnedOrigins = new Set<string>()

  constructor(defaults: StreamOptions = {}) {
    this.#defaults = defaults
  }

  /**
   * Calls `listener` with the decoded payload of every `type` event on the stream at `url`.
   * Opens the stream if this is its first subscriber.
   */
  subscribe<TType extends string, TData = SSEEventData<TType>>(
    url: string,
    type: TType,
    listener: SSEListener<TData>,
    options: SubscribeOptions<TData> = {},
  ): Unsubscribe {
    const { parse, schema, onError, ...stream } = options
    return this.#connection(url, stream).subscribe(type, {
      listener: listener as SSEListener,
      parse,
      schema,
      onError,
    })
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

  /** The sharing key of a stream: equal keys share one EventSource. */
  keyFor(url: string, options: StreamOptions = {}): string {
    const resolved = this.#resolve(options)
    return JSON.stringify([
      absoluteUrl(url),
      resolved.withCredentials,
      resolved.EventSource ? this.#constructorId(resolved.EventSource) : 0,
      resolved.reconnect,
      resolved.closeDelay,
      resolved.lastEventIdParam,
      resolved.maxMessageBytes,
      resolved.pauseWhenHidden,
    ])
  }

  #connection(url: string, options: StreamOptions): Connection {
    const key = this.keyFor(url, options)
    let connection = this.#connections.get(key)
    if (!connection) {
      const created = createConnection(absoluteUrl(url), this.#resolve(options), () => {
        if (this.#connections.get(key) === created) this.#connections.delete(key)
      })
      this.#connections.set(key, (connection = created))
      this.#warnIfOverBudget(created.url)
    }
    return connection
  }

  #resolve(options: StreamOptions): ResolvedStreamOptions {
    const defaults = this.#defaults
    const reconnect = options.reconnect ?? defaults.reconnect
    return {
      withCredentials: options.withCredentials ?? defaults.withCredentials ?? false,
      EventSource: options.EventSource ?? defaults.EventSource,
      reconnect: reconnect === false ? false : resolveReconnectPolicy(reconnect),
      closeDelay: options.closeDelay ?? defaults.closeDelay ?? 100,
      lastEventIdParam: options.lastEventIdParam ?? defaults.lastEventIdParam ?? 'lastEventId',
      maxMessageBytes: options.maxMessageBytes ?? defaults.maxMessageBytes ?? Infinity,
      pauseWhenHidden: options.pauseWhenHidden ?? defaults.pauseWhenHidden ?? false,
    }
  }

  #constructorId(constructor: object): number {
    let id = this.#constructorIds.get(constructor)
    if (id === undefined) this.#constructorIds.set(constructor, (id = this.#nextConstructorId++))
    return id
  }

  #warnIfOverBudget(url: string): void {
    if (!isDevelopment()) return
    const origin = originOf(url)
    if (this.#warnedOrigins.has(origin)) return
    const streams = [...this.#connections.values()].map((c) => c.url).filter((u) => originOf(u) === origin)
    if (streams.length <= CONNECTIONS_PER_ORIGIN) return
    this.#warnedOrigins.add(origin)
    console.warn(
      `sse-hooks: ${streams.length} concurrent streams to ${origin}. Browsers allow about ${CONNECTIONS_PER_ORIGIN} ` +
        `HTTP/1.1 connections per origin across all tabs, so other requests may hang. ` +
        `Share one stream (one URL, same options) or serve over HTTP/2. Streams:\n${streams.join('\n')}`,
    )
  }
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
