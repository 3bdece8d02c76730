import type { TransportFailure } from '../core/transport'

/** `Retry-After` in ms: delay-seconds or an HTTP date; `undefined` when absent, past or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  return Number.isNaN(seconds) ? Math.max(0, Date.parse(header) - Date.now()) || undefined : seconds * 1000
}

/**
 * What a response means for the connection: `undefined` for an event stream to read (200,
 * `text/event-stream` with any parameters), else the failure to report. A 401 is reported too:
 * the caller decides whether to retry it first.
 */
export function responseFailure({ status, headers }: Response): TransportFailure | undefined {
  const type = headers.get('Content-Type')
  return status === 204
    ? { fatal: true, final: true, status, message: 'HTTP 204' }
    : status !== 200
      ? {
          fatal: true,
          status,
          retryAfter: status === 429 || status === 503 ? retryAfterMs(headers.get('Retry-After')) : undefined,
          message: `HTTP ${status}`,
        }
      : /^text\/event-stream\s*(;|$)/i.test(type ?? '')
        ? undefined
        : { fatal: true, status, message: `Content-Type ${type} is not text/event-stream` }
}
