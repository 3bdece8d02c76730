import { MAX_TIMER_MS } from '../core/timer'
import type { TransportFailure } from '../core/transport'

/** `Retry-After` in ms: delay-seconds (digits only) or an HTTP date; `undefined` when absent, past or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now()
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : undefined
}

/**
 * What a response means for the connection: `undefined` for an event stream to read (200,
 * `text/event-stream` with any parameters), else the failure to report. A 401 is reported too:
 * the caller decides whether to retry it first.
 */
export function responseFailure({ status, headers }: Response, url: string): TransportFailure | undefined {
  if (status === 204) return { fatal: true, final: true, status, message: 'HTTP 204' }
  if (status !== 200) {
    // A server that says when to come back (a 503 or a 429, usually) is waited for, whatever the status.
    const retryAfter = retryAfterMs(headers.get('Retry-After'))
    // Which stream: its query and fragment left out, since they may carry a token.
    return { fatal: true, status, retryAfter, message: `HTTP ${status} from ${url.replace(/[?#].*/s, '')}` }
  }
  const type = headers.get('Content-Type')
  if (/^text\/event-stream\s*(;|$)/i.test(type ?? '')) return undefined
  return { fatal: true, message: `Content-Type ${type} is not text/event-stream` }
}
