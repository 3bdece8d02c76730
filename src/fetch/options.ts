/**
 * Why a request is about to be sent: the first try of a connection, a reconnect after a dropped
 * stream, or the immediate retry after a 401.
 *
 * @example
 * fetchTransport({
 *   headers: async (reason) => ({ Authorization: `Bearer ${await tokens.get({ refresh: reason === 'unauthorized' })}` }),
 * })
 */
export type FetchHeadersReason = 'connect' | 'reconnect' | 'unauthorized'

/** A body sent as JSON (with `Content-Type: application/json` unless your headers set one). */
export type JsonBody = { readonly [key: string]: unknown } | readonly unknown[]

/** A request body: a string or any `BodyInit` as it is, a plain object or array as JSON. */
export type FetchBody = BodyInit | JsonBody

/** `fetch` as sse-hooks calls it: `globalThis.fetch`, undici's, or a wrapper of yours. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/**
 * Options of `fetchTransport`. Every one is optional.
 *
 * @example
 * const chat = fetchTransport({
 *   body: { room: 'general' },          // POST, as JSON
 *   headers: { 'X-Client': 'web' },
 *   heartbeatTimeout: 45_000,           // the server sends `: ping` every 15 s
 *   resendAfterDrop: true,              // the server resumes this POST from Last-Event-ID
 * })
 */
export interface FetchTransportOptions {
  /**
   * Request headers: an object, or a function called before every request (first connect, each
   * reconnect, and once more after a 401, told which) so a token can be fresh each time.
   * Never part of the sharing key, never logged: say who they speak for with `key`.
   */
  readonly headers?: HeadersInit | ((reason: FetchHeadersReason) => HeadersInit | Promise<HeadersInit>) | undefined
  /** HTTP method. Default `'POST'` when there is a `body`, else `'GET'`. */
  readonly method?: string | undefined
  /**
   * The request body: a string, a plain object or array (sent as JSON), any other `BodyInit`, or a
   * function called before every request that returns one of those.
   */
  readonly body?: FetchBody | ((reason: FetchHeadersReason) => FetchBody | Promise<FetchBody>) | undefined
  /** `fetch`'s credentials mode. Default: `'include'` when the stream asks `withCredentials`, else `'same-origin'`. */
  readonly credentials?: RequestCredentials | undefined
  /** The `fetch` to call. Default: `globalThis.fetch`, looked up when a connection opens (not at import). */
  readonly fetch?: FetchLike | undefined
  /**
   * What the request depends on that the URL does not say, such as the user the headers speak for
   * (`key: userId`). Streams share a request only when URL and key are equal, so give each user,
   * tenant or dynamic body its own key. Method, a static body and `credentials` are added for you.
   */
  readonly key?: string | undefined
  /**
   * Milliseconds without a byte from the server (comments count) after which the stream counts as
   * dropped and reconnects with its last event id. Set it to 2–3× your server's heartbeat interval.
   * Default `0`: off, as a browser's EventSource (a quiet server is not a dead one).
   */
  readonly heartbeatTimeout?: number | undefined
  /**
   * Most characters the parser buffers for one unfinished line or event. Past it the connection
   * fails with a `size` error and the stream's backoff reconnects from the last event id.
   * Default: no limit, as a browser's EventSource.
   */
  readonly maxBufferSize?: number | undefined
  /**
   * Whether the request may be sent again after the server ends the stream or the network drops it
   * (it reconnects after the server's `retry:` delay, with `Last-Event-ID`). Default: `true` for GET,
   * `false` for other methods, so a POST is never re-sent behind your back: a dropped POST stream
   * stops (`closed`). Set `true` when the server resumes such a request safely.
   */
  readonly resendAfterDrop?: boolean | undefined
}
