import type { SSEMessage, TransportFailure, TransportSink } from '../../src/core/transport'

export type Call =
  | { readonly call: 'open' }
  | { readonly call: 'event'; readonly message: SSEMessage }
  | { readonly call: 'id'; readonly id: string }
  | { readonly call: 'comment'; readonly text: string }
  | { readonly call: 'retry'; readonly ms: number }
  | { readonly call: 'error'; readonly failure: TransportFailure }

export interface Recording {
  readonly sink: TransportSink
  /** Every sink call, in order. */
  readonly calls: Call[]
  /** The events' type, data and lastEventId, as plain objects. */
  events(): SSEMessage[]
  errors(): TransportFailure[]
  opens(): number
}

/** A sink that records every call a transport makes. */
export function recordingSink(): Recording {
  const calls: Call[] = []
  return {
    calls,
    sink: {
      open: () => void calls.push({ call: 'open' }),
      event: ({ type, data, lastEventId }) => void calls.push({ call: 'event', message: { type, data, lastEventId } }),
      id: (id) => void calls.push({ call: 'id', id }),
      comment: (text) => void calls.push({ call: 'comment', text }),
      retry: (ms) => void calls.push({ call: 'retry', ms }),
      error: (failure) => void calls.push({ call: 'error', failure }),
      follow: () => {},
      latest: () => {},
    },
    events: () => calls.flatMap((c) => (c.call === 'event' ? [c.message] : [])),
    errors: () => calls.flatMap((c) => (c.call === 'error' ? [c.failure] : [])),
    opens: () => calls.filter((c) => c.call === 'open').length,
  }
}

/** Generous bound for an awaited condition against the local server. */
export const WAIT = { timeout: 5000, interval: 5 }

export { message } from '../fixtures/wpt-format-cases'
