import type { Transport } from '../core/transport'
import { openFetchConnection } from './connection'
import type { FetchTransportOptions } from './options'
import { isJsonBody, methodOf } from './request'
import type { FetchTransport } from './transport-options'

/**
 * The transport's sharing key: method, credentials, a static body and your `key`, as one plain
 * string that is the same in every tab. Headers never take part (they may hold a token): say who
 * they speak for with `key`.
 */
export function fetchTransportKey(options: FetchTransportOptions): string {
  const { body } = options
  // A string and an object stay apart: the string is encoded too.
  const staticBody = typeof body === 'string' || isJsonBody(body) ? JSON.stringify(body) : null
  return `fetch:${JSON.stringify([methodOf(options), options.credentials ?? null, staticBody, options.key ?? null])}`
}

/**
 * A transport that reaches the stream with `fetch`, so it can send headers (a token fresh on every
 * reconnect), another method and a body, and learn what native EventSource hides: the HTTP status,
 * `Retry-After`, ids with no data, comments. Parsing is eventsource-parser's. Creating one does no
 * work; passing an equal one inline on every render reuses the connection.
 *
 * @example
 * import { SSEProvider } from 'sse-hooks'
 * import { fetchTransport } from 'sse-hooks/fetch'
 *
 * const auth = fetchTransport({
 *   headers: async () => ({ Authorization: `Bearer ${await tokens.current()}` }),
 *   key: userId,
 * })
 * <SSEProvider url="/api/events" transport={auth}>
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const transport: FetchTransport = {
    key: fetchTransportKey(options),
    open: (request, sink) => openFetchConnection(options, request, sink),
    options,
  }
  return transport
}
