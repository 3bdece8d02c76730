import type { TransportFailure } from '../core/transport'

/** The longest wait a timer can hold (about 24.8 days): a longer one would fire at once. */
const MAX_WAIT_MS = 2 ** 31 - 1

/** `Retry-After` in ms: delay-seconds (digits only) or an HTTP date; `undefined` when absent, past or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now()
  return ms > 0 ? Math.min(ms, MAX_WAIT_MS) : undefined
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
