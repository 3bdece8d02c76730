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

/** A URL as errors name it: origin and path, never the query (it may carry a token). */
export function where(url: string): string {
  try {
    const { origin, pathname } = new URL(url)
    return origin + pathname
  } catch {
    return 'the stream'
  }
}

/**
 * What a response means for the connection: `undefined` for an event stream to read (200,
 * `text/event-stream` with any parameters), else the failure to report. A 401 is reported too:
 * the caller decides whether to retry it first.
 */
export function responseFailure({ status, headers }: Response, url: string): TransportFailure | undefined {
  const from = `from ${where(url)}`
  if (status === 204) return { fatal: true, final: true, status, message: `HTTP 204 ${from}` }
  if (status !== 200) {
    const retryAfter = status === 429 || status === 503 ? retryAfterMs(headers.get('Retry-After')) : undefined
    return { fatal: true, status, retryAfter, message: `HTTP ${status} ${from}` }
  }
  const type = headers.get('Content-Type')
  if (/^text\/event-stream\s*(;|$)/i.test(type ?? '')) return undefined
  return { fatal: true, status, message: `Content-Type ${type} ${from} is not text/event-stream` }
}
