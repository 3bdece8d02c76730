import { hasConnection, initialState, type Phase, type StreamState } from './machine'
import type { CloseReason } from './transport'
import type { SSEReadyState, SSEStatus, StreamSnapshot } from './types'

// How a stream's state looks from outside: to its subscribers (the snapshot) and to the connection
// it closes (the reason). Derived from the phase here, and nowhere else.

/** What a stream tells the connection it closes, by where the stream goes. */
export function closeReason({ phase, reason }: StreamState): CloseReason {
  if (phase === 'backoff' || hasConnection(phase)) return 'retry'
  return phase === 'closed' && reason !== 'close' ? 'stop' : 'leave'
}

/** What subscribers see of a state: status and readyState come from the phase, here and nowhere else. */
export function snapshotOf(s: StreamState, lastEventId: string): StreamSnapshot {
  const { phase, remote } = s
  if (phase === 'following' && remote) return { ...remote, lastEventId }
  return { status: statusOf(s), readyState: readyStateOf(phase), error: s.error, lastEventId }
}

function statusOf({ phase, connection }: StreamState): SSEStatus {
  if (phase === 'open') return 'open'
  // Connecting again, after a first connection, is reconnecting.
  if (phase === 'idle' || (phase === 'connecting' && connection < 2)) return 'connecting'
  if (phase === 'closed' || phase === 'hidden') return 'closed'
  return 'reconnecting'
}

function readyStateOf(phase: Phase): SSEReadyState {
  if (phase === 'open') return 1
  return phase === 'idle' || phase === 'connecting' || phase === 'retrying' ? 0 : 2
}

/** The state of a stream nobody has opened yet, and the server snapshot. */
export const idleSnapshot: StreamSnapshot = Object.freeze(snapshotOf(initialState, ''))
