import type { SSEInspectRecord, SSERequestStatus } from '../core/inspect'
import type { Phase } from '../core/machine'
import type { Ring } from './ring'

// What the panel shows: the store's model of a client's streams and request streams.

export interface EventEntry {
  readonly seq: number
  readonly at: number
  readonly type: string
  readonly id: string
  readonly data: string
  readonly size: number
}

/** One step of a stream's timeline: a phase it entered, or a failure. */
export interface PhaseEntry {
  readonly at: number
  readonly phase: Phase
  readonly input: string
  readonly status?: number | undefined
  readonly error?: string | undefined
  /** A backoff's deadline. */
  readonly until?: number | undefined
  readonly retryAfter?: number | undefined
}

export interface StreamView {
  readonly key: string
  readonly url: string
  readonly transport: string
  /** With the provider's `crossTab()` transport: this tab's part and the tabs sharing (`leader · 3 tabs`). */
  role: string | undefined
  /** The latest record of the stream: its facts, and when they were true. */
  facts: Extract<SSEInspectRecord, { kind: 'stream' }>
  /** The resume point: from the latest record, a stream's or an event's (an id moves without a state change). */
  lastEventId: string
  /** When the current phase began. */
  since: number
  lastFailure: PhaseEntry | undefined
  readonly events: Ring<EventEntry>
  readonly timeline: Ring<PhaseEntry>
}

export interface RequestView {
  readonly key: string
  readonly url: string
  method: string
  status: SSERequestStatus
  error: string | undefined
  startedAt: number
  runs: number
  readonly events: Ring<EventEntry>
}

export interface DevtoolsSnapshot {
  readonly streams: readonly StreamView[]
  readonly requests: readonly RequestView[]
  readonly paused: boolean
}
