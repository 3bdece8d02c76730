import { createFrameScheduler, type FrameScheduler } from './schedule'
import { initialState, remains, type StreamState } from './machine'
import { createStream, type Stream } from './stream'
import { idleSnapshot } from './snapshot'
import { warnOverBudget } from './budget'
import { absoluteUrl } from './url'
import { eventSource } from '../transports/event-source'
import type { Transport } from './transport'
import type { SSEInspector } from './inspect'
import type { StreamHandle } from './handle'
import type { OnReconnect } from './recovery'

declare const process: { env: { NODE_ENV?: string } } | undefined
import type { SSEEventData, SSEEventType, SSEListener, SSEOptions, StreamSnapshot, SubscribeOptions, Unsubscribe } from './types'

import { mergeDefined } from './merge'
export { mergeDefined }
export type { StreamHandle } from './handle'

/**
 * One stream per key (absolute URL, the transport's key, credentials), shared and ref-counted by
 * every subscriber. Each instance is its own registry, so tests and providers stay isolated. The
 * hooks need no more than this; `SSEClient` adds the URL-based methods for code without React.
 */
export class StreamRegistry {
  readonly #streams = new Map<string, Stream>()
  /** What streams that went left the next stream of their key: a `close()` in force, a backoff's deadline. */
  readonly #remains = new Map<string, StreamState>()
  /** The newest transport object given for each transport key (see `offer`). */
  readonly #transports = new Map<string, Transport>()
  readonly #defaults: SSEOptions
  readonly #warnedOrigins = new Set<string>()
  /** One animation frame for every batched subscriber of this client. */
  readonly #scheduleFrame: FrameScheduler = createFrameScheduler()
  /** The inspectors attached now (see `inspect`), for code that reports records of its own (request streams). */
  readonly inspectors: ReadonlySet<SSEInspector> = new Set()

  constructor(defaults: SSEOptions = {}) {
    this.#defaults = defaults
  }

  /**
   * A handle on the stream at `url`: resolve it once, then subscribe through it as often as needed.
   * `heard`: more `onReconnect` callbacks its subscribers bring (a provider's, beside a hook's own).
   *
   * @example
   * const events = client.stream('/api/events')
   * const stop = events.subscribeState(() => console.log(events.getSnapshot().status))
   */
  stream(url: string, options: SSEOptions = {}, heard: OnReconnect = []): StreamHandle {
    const merged = mergeDefined(this.#defaults, options)
    // Every layer's onReconnect is called, not only the innermost: the client's, these options', `heard`.
    const onReconnect = [this.#defaults.onReconnect, merged.onReconnect, ...heard]
    const given: Transport = merged.transport ?? eventSource(merged.EventSource, merged)
    const absolute = absoluteUrl(url)
    const key = JSON.stringify([absolute, given.key, !!merged.withCredentials])
    const existing = () => this.#streams.get(key)
    const open = () => {
      let stream = existing()
      if (!stream) {
        const transport = this.#transports.get(given.key) ?? given
        const created = createStream(
          absolute,
          transport,
          merged,
          this.#remains.get(key) ?? initialState,
          (last) => {
            if (existing() === created) this.#streams.delete(key)
            const rest = remains(last, Date.now())
            if (rest) this.#remains.set(key, rest)
            else this.#remains.delete(key)
          },
          this.inspectors,
          key,
        )
        this.#remains.delete(key)
        this.#streams.set(key, (stream = created))
        // Development only (see report.ts for why the check is written out).
        if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production')
          warnOverBudget(this.#streams, this.#warnedOrigins, absolute)
      }
      return stream
    }
    return {
      url: absolute,
      key,
      options: merged,
      schedule: merged.batch === 'sync' ? undefined : this.#scheduleFrame,
      getSnapshot: () => existing()?.getSnapshot() ?? idleSnapshot,
      subscribe: (type, listener, decoding = {}) => open().subscribe(type, listener, decoding, [...onReconnect, decoding.onReconnect]),
      subscribeState: (listener) => open().subscribeState(listener, onReconnect),
      latest: (type) => existing()?.latest(type),
      close: () => existing()?.close(),
      reconnect: () => {
        this.#remains.delete(key)
        existing()?.reconnect()
      },
    }
  }

  /**
   * Makes `transport` the one the streams of its key call from their next request on, in place of
   * an older object with the same key: an inline transport made again on every render keeps its
   * connection, and its newest `headers` (a token held in React state) are the ones sent. The
   * provider and the hooks offer what they are given; call it yourself for code without React.
   *
   * @example
   * client.offer(fetchTransport({ headers: () => ({ Authorization: `Bearer ${token}` }), key: user }))
   */
  offer(transport: Transport): void {
    this.#transports.set(transport.key, transport)
    for (const stream of this.#streams.values()) stream.use(transport)
  }

  /**
   * Calls `inspector` with a record of all the client's streams do (see `SSEInspectRecord`), first
   * with what each live stream is now. With none attached, no record is built. Returns its detach.
   *
   * @example
   * const stop = client.inspect((record) => {
   *   if (record.kind === 'state') console.debug(record.key, record.state.phase, record.snapshot.error)
   * })
   */
  inspect(inspector: SSEInspector): Unsubscribe {
    const inspectors = this.inspectors as Set<SSEInspector>
    inspectors.add(inspector)
    for (const stream of this.#streams.values()) stream.inspect([inspector])
    return () => void inspectors.delete(inspector)
  }

  /** Open streams and their subscribers (event listeners plus state listeners). */
  getStats(): { connections: number; subscribers: number } {
    let subscribers = 0
    for (const stream of this.#streams.values()) subscribers += stream.subscriberCount()
    return { connections: this.#streams.size, subscribers }
  }
}

/**
 * The framework-agnostic stream manager: the registry, plus methods that name a stream by URL.
 *
 * @example
 * const client = new SSEClient({ withCredentials: true })
 * const unsubscribe = client.subscribe('/api/events', 'ping', (ping) => console.log(ping))
 * client.getSnapshot('/api/events').status // 'connecting' | 'open' | 'reconnecting' | 'closed'
 * unsubscribe() // the last one out closes the stream after `closeDelay`
 */
export class SSEClient extends StreamRegistry {
  /**
   * Calls `listener` with the decoded payload of every `type` event on the stream at `url`.
   * Opens the stream if this is its first subscriber.
   */
  subscribe<TType extends SSEEventType, TData extends SSEEventData<TType> = SSEEventData<TType>>(
    url: string,
    type: TType,
    listener: SSEListener<TData>,
    options?: SubscribeOptions<TData>,
  ): Unsubscribe {
    return this.stream(url, options).subscribe(type, listener as SSEListener, options)
  }

  /** Calls `listener` whenever the stream's state changes, and keeps the stream open meanwhile. */
  subscribeState(url: string, listener: () => void, options?: SSEOptions): Unsubscribe {
    return this.stream(url, options).subscribeState(listener)
  }

  /** The stream's current state; an idle snapshot for a stream that is not open. */
  getSnapshot(url: string, options?: SSEOptions): StreamSnapshot {
    return this.stream(url, options).getSnapshot()
  }

  /** Closes the stream for every subscriber and stops retrying, until `reconnect`. */
  close(url: string, options?: SSEOptions): void {
    this.stream(url, options).close()
  }

  /** Opens the stream anew now (resuming from the last event id), also after `close` or a give-up. */
  reconnect(url: string, options?: SSEOptions): void {
    this.stream(url, options).reconnect()
  }

  /**
   * The sharing key of a stream: the absolute URL, the transport's key and the credentials mode,
   * as a plain string, the same in every tab. Equal keys share one stream; the other options come
   * from whoever opens it first, normally the provider.
   */
  keyFor(url: string, options?: SSEOptions): string {
    return this.stream(url, options).key
  }
}
