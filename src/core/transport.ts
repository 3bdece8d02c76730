import type { SSEOptions, StreamSnapshot, Unsubscribe } from './types'

/**
 * One server-sent event as a transport reports it. The built-in transports hand on plain objects
 * of these three fields (a native `MessageEvent` would satisfy it, but its getters are native calls).
 */
export interface SSEMessage {
  /** The event type: the `event:` field, or `'message'`. */
  readonly type: string
  /** The `data:` lines, joined by `\n`. */
  readonly data: string
  /** The last event id in force when the event was dispatched (`''` if none yet). */
  readonly lastEventId: string
}

/** Why a transport's connection failed, with whatever it could learn. */
export interface TransportFailure {
  /**
   * `false`: the transport retries by itself (as EventSource does after a dropped stream), keeping
   * the resume point. `true`: it gave up, and the stream's own backoff decides when to open anew.
   */
  readonly fatal: boolean
  /** The HTTP status, when there was a response. 204 stops the stream for good. */
  readonly status?: number | undefined
  /** How long the server asked us to wait (`Retry-After`), in ms: the next try waits at least this. */
  readonly retryAfter?: number | undefined
  /** The stream must not be retried at all: it stops (`closed`) with this error, as on a 204. */
  readonly final?: boolean | undefined
  /** The kind of the `SSEError` the stream reports. Default `'connection'`; `'size'` for a runaway event. */
  readonly kind?: 'connection' | 'size' | undefined
  /** A human sentence for `SSEError.message`. */
  readonly message?: string | undefined
  readonly cause?: unknown
}

/** What a transport reports to its stream. Calls after `close()` are ignored. */
export interface TransportSink {
  /** The stream is open: events may follow. */
  open(): void
  /** A dispatched event (one with data). */
  event(message: SSEMessage): void
  /** A block with an `id:` and no data: the resume point moves, nothing is dispatched. */
  id(lastEventId: string): void
  /** A comment line (`: …`), usually a heartbeat. */
  comment(text: string): void
  /** The server's `retry:` field, in ms. */
  retry(ms: number): void
  /** The connection failed or ended. */
  error(failure: TransportFailure): void
  /**
   * The stream is a relay of one held elsewhere (another tab): show `remote`'s status, readyState
   * and error, and leave retrying to whoever holds it, until this transport reports `open` or a
   * failure of its own (when it takes over).
   */
  follow(remote: RemoteState): void
  /**
   * The latest event of its type, known from elsewhere (another tab's connection): state
   * subscribers show it as the current value, listeners do not hear it again.
   */
  latest(message: SSEMessage): void
}

/** What a stream shows of a connection held elsewhere. */
export type RemoteState = Pick<StreamSnapshot, 'status' | 'readyState' | 'error'>

/**
 * Why the stream closes a connection, so a transport that shares it (across tabs) knows whether to
 * hand it over:
 * - `'retry'`: a new connection follows, at once (`reconnect()`) or when the backoff ends
 * - `'stop'`: the stream stopped for good: a 204, a final error, the retry budget spent
 * - `'leave'`: this stream is done with it: nobody wants it any more, `close()` was called, or the
 *   page went offline (or hidden, with `pauseWhenHidden`)
 */
export type CloseReason = 'retry' | 'stop' | 'leave'

/** What the stream tells a connection it closes. */
export interface TransportClose {
  readonly reason: CloseReason
  /** What the stream shows once the connection is gone. */
  readonly snapshot: StreamSnapshot
  /** With `'retry'`: when the next connection opens, as a `Date.now()` time. */
  readonly retryAt: number
}

/** What a stream asks a transport to open. */
export interface TransportRequest {
  /** The absolute URL. */
  readonly url: string
  /** Where to resume from (`''` at first). */
  readonly lastEventId: string
  /** Send cookies on cross-origin requests. */
  readonly withCredentials: boolean
  /** The event types someone listens to now; `listen` reports changes while the connection is open. */
  readonly types: Iterable<string>
  /** The stream's options, for a transport that wraps another (`EventSource`, `lastEventIdParam`). */
  readonly options?: SSEOptions | undefined
}

/** One physical stream, as a transport opened it. */
export interface TransportConnection {
  /** Ends the connection for good: the server sees the request end. `next` says what the stream does then. */
  close(next?: TransportClose): void
  /** A type gained its first subscriber (`true`) or lost its last (`false`) while the connection is open. */
  listen?(type: string, wanted: boolean): void
  /** The stream's status, readyState or error changed while this connection is its own. */
  state?(snapshot: StreamSnapshot): void
  /**
   * A newer transport object with the same key was given for the stream (an inline one, made again
   * on a render): its per-request callbacks (headers, body) are the ones to call from now on.
   */
  update?(transport: Transport): void
}

/**
 * How a stream reaches its server. sse-hooks ships `eventSource()` (the
 * default, native EventSource) and `fetchTransport()` in `sse-hooks/fetch`;
 * write your own for React Native, a WebSocket bridge or a worker.
 *
 * @example
 * const logged: Transport = {
 *   key: 'logged',
 *   open(request, sink) {
 *     console.log('opening', request.url, 'from', request.lastEventId)
 *     return eventSource().open(request, sink)
 *   },
 * }
 * <SSEProvider url="/api/events" transport={logged}>
 */
export interface Transport {
  /**
   * What the request depends on beyond the URL (credentials, who the headers speak for, method and
   * body), as a plain string: streams with equal URL and key share one connection, in every tab.
   */
  readonly key: string
  /** Opens one physical stream; may throw synchronously when it cannot start at all. */
  open(request: TransportRequest, sink: TransportSink): TransportConnection
}

/** Where a stream learns whether the page is online and visible. Injectable for tests and non-browser hosts. */
export interface PageLifecycle {
  online(): boolean
  visible(): boolean
  /** Calls `listener` when the page goes online, offline, visible or hidden. */
  subscribe(listener: (change: PageChange) => void): Unsubscribe
}

export type PageChange = 'online' | 'offline' | 'visible' | 'hidden'
