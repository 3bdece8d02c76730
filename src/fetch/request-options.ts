import type { SSEError } from '../core/errors'
import type { StandardSchemaV1 } from '../core/standard-schema'
import type { SSEMessage } from '../core/transport'
import type { SSEParser } from '../core/types'
import type { FetchTransportOptions } from './options'

/**
 * Options of one request whose response is an event stream (`requestEvents`, `createSSERequest`,
 * `useSSERequest`). `headers`, `body`, `credentials`, `fetch` and `maxBufferSize` mean what they
 * mean for `fetchTransport`; `headers` is told `'connect'`, `'unauthorized'` (the one retry after a
 * 401) or `'reconnect'` (a `resume`).
 *
 * @example
 * requestEvents('/api/chat', {
 *   body: { messages },                                   // POST, as JSON
 *   headers: async () => ({ Authorization: `Bearer ${await tokens.current()}` }),
 *   schema: ChunkSchema,                                  // each event's payload
 * })
 */
export interface SSERequestOptions<TChunk = unknown> extends Pick<
  FetchTransportOptions,
  'headers' | 'body' | 'credentials' | 'fetch' | 'maxBufferSize'
> {
  /** HTTP method. Default `'POST'`, with or without a body. */
  readonly method?: string | undefined
  /** Turns each event's data into its payload. Default `JSON.parse`; `(data) => data` for plain text. */
  readonly parse?: SSEParser | undefined
  /** Standard Schema (zod, valibot, arktype, …) that validates each decoded payload. */
  readonly schema?: StandardSchemaV1<unknown, TChunk> | undefined
  /** Called with each event that fails to decode or validate (an `SSEError` of kind `parse` or `validation`). */
  readonly onError?: ((error: SSEError) => void) | undefined
  /** `true`: a bad event ends the request with its error. Default `false`: it is reported and skipped. */
  readonly stopOnError?: boolean | undefined
  /**
   * The data that ends the stream (it reaches nobody and the request is closed), a test of each
   * event, or `false` for none. Default `'[DONE]'`, OpenAI's. The server ending the response ends it too.
   */
  readonly done?: string | ((event: SSEMessage) => boolean) | false | undefined
  /**
   * How many times a response that breaks off (a network drop, not the server ending it) is requested
   * again, with the same body and the last id as `Last-Event-ID`, after the server's `retry:` delay
   * (1 s until it sends one). Only once an event id has arrived. Default `0`: never re-sent, since
   * sending a POST again may repeat its effect. The server must resume after that id, not restart.
   */
  readonly resume?: number | undefined
}

/**
 * Options of `requestEvents`: those of a request, and the signal that aborts it.
 *
 * @example
 * const controller = new AbortController()
 * stopButton.onclick = () => controller.abort()
 * for await (const { data } of requestEvents('/api/jobs/42/progress', { method: 'GET', signal: controller.signal })) bar.value = data.percent
 */
export interface RequestEventsOptions<TChunk = unknown> extends SSERequestOptions<TChunk> {
  /** Aborts the request: the iteration ends (without an error) and the server sees the socket close. */
  readonly signal?: AbortSignal | undefined
}

/**
 * One event of a request's stream: its payload, decoded, and the message it came from.
 *
 * @example
 * for await (const { data, event } of requestEvents<Delta>('/api/messages', { body })) {
 *   if (event.type === 'content_block_delta') text += data.delta.text
 * }
 */
export interface SSERequestEvent<TChunk = unknown> {
  /** The decoded (and validated) payload. */
  readonly data: TChunk
  /** The event as sent: `type` (`'message'` unless named), raw `data`, `lastEventId`. */
  readonly event: SSEMessage
}
