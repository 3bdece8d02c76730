import type { FetchBody, FetchHeadersReason, FetchTransportOptions, JsonBody } from './options'

/** A plain object or array: sent as JSON. Anything else (string, Blob, FormData, …) goes as it is. */
export const isJsonBody = (body: unknown): body is JsonBody => {
  if (Array.isArray(body)) return true
  if (typeof body !== 'object' || body === null) return false
  const proto: unknown = Object.getPrototypeOf(body)
  return proto === Object.prototype || proto === null
}

export const methodOf = (options: FetchTransportOptions): string =>
  (options.method ?? (options.body === undefined ? 'GET' : 'POST')).toUpperCase()

/**
 * A header value carrying `text` as UTF-8 bytes, one character per byte, as EventSource sends
 * Last-Event-ID: fetch only takes byte strings and sends each character as one byte.
 */
const utf8ByteString = (text: string): string => String.fromCharCode(...new TextEncoder().encode(text))

/** Everything of one request but its signal, from the options as they are now. */
export async function requestInit(
  options: FetchTransportOptions,
  reason: FetchHeadersReason,
  lastEventId: string,
  withCredentials: boolean,
): Promise<RequestInit> {
  const headers = new Headers({ Accept: 'text/event-stream' })
  const given = typeof options.headers === 'function' ? await options.headers(reason) : options.headers
  new Headers(given).forEach((value, name) => headers.set(name, value))
  if (lastEventId) headers.set('Last-Event-ID', utf8ByteString(lastEventId))

  const rawBody: FetchBody | undefined = typeof options.body === 'function' ? await options.body(reason) : options.body
  let body: BodyInit | undefined
  if (isJsonBody(rawBody)) {
    body = JSON.stringify(rawBody)
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  } else {
    body = rawBody
  }

  const init: RequestInit = {
    method: methodOf(options),
    headers,
    credentials: options.credentials ?? (withCredentials ? 'include' : 'same-origin'),
    cache: 'no-store',
  }
  if (body !== undefined) init.body = body
  return init
}
