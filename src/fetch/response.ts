import type { TransportFailure } from '../core/transport'

/** `Retry-After` in ms: delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** The media type without parameters, lower case: `text/event-stream;charset=utf-8` → `text/event-stream`. */
const essence = (contentType: string | null): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/**
 * What a response means for the connection: `undefined` when it is an event stream to read,
 * else the failure to report. A 401 is reported too; the caller decides whether to retry it first.
 */
export function responseFailure(response: Response): TransportFailure | undefined {
  const { status } = response
  if (status === 204) {
    return { fatal: true, final: true, status, message: 'The server answered 204 No Content: the stream is over' }
  }
  if (status !== 200) {
    const retryAfter = status === 429 || status === 503 ? retryAfterMs(response.headers.get('Retry-After')) : undefined
    return { fatal: true, status, retryAfter, message: `The server answered ${status}` }
  }
  const type = response.headers.get('Content-Type')
  if (essence(type) !== 'text/event-stream') {
    return {
      fatal: true,
      status,
      message: `The response's Content-Type is ${type ? `"${type}"` : 'missing'}, not text/event-stream`,
    }
  }
  return undefined
}
