import type { FetchHeadersReason, FetchTransportOptions, JsonBody } from './options'

/** A plain object or array: sent as JSON. Anything else (string, Blob, FormData, …) goes as it is. */
export const isJsonBody = (body: unknown): body is JsonBody =>
  typeof body === 'object' && body !== null && (Array.isArray(body) || [Object.prototype, null].includes(Object.getPrototypeOf(body)))

export const methodOf = (options: FetchTransportOptions): string =>
  (options.method ?? (options.body === undefined ? 'GET' : 'POST')).toUpperCase()

/**
 * Everything of one request but its signal, from the options as they are now. Last-Event-ID goes
 * as UTF-8 bytes, one character per byte, as EventSource sends it: fetch takes byte strings only.
 */
export async function requestInit(
  options: FetchTransportOptions,
  reason: FetchHeadersReason,
  lastEventId: string,
  withCredentials: boolean,
): Promise<RequestInit> {
  const given = typeof options.headers === 'function' ? await options.headers(reason) : options.headers
  let headers: Headers
  try {
    headers = new Headers(given)
  } catch {
    // The runtime's message quotes the value, which may be a token: say what, never which.
    throw new TypeError('sse-hooks/fetch: invalid header name or value')
  }
  if (!headers.has('Accept')) headers.set('Accept', 'text/event-stream')
  if (lastEventId) headers.set('Last-Event-ID', String.fromCharCode(...new TextEncoder().encode(lastEventId)))
  let body = typeof options.body === 'function' ? await options.body(reason) : options.body
  if (isJsonBody(body)) {
    body = JSON.stringify(body)
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  }
  return {
    method: methodOf(options),
    headers,
    body: body ?? null,
    credentials: options.credentials ?? (withCredentials ? 'include' : 'same-origin'),
    cache: 'no-store',
  }
}
