import { SSEError, type SSEErrorKind } from '../core/errors'
import type { RemoteState, SSEMessage } from '../core/transport'
import type { StreamSnapshot } from '../core/types'

/** An error as it crosses a channel: an `SSEError`'s cause (an Event, say) cannot be posted. */
export interface WireError {
  readonly kind: SSEErrorKind
  readonly message: string
  readonly status: number | undefined
}

/** The leader's stream state as followers show it. */
export interface WireState {
  readonly status: StreamSnapshot['status']
  readonly readyState: StreamSnapshot['readyState']
  readonly error: WireError | null
}

/**
 * What crosses the channel of one stream. The leader's messages carry its term (`t`): a newer
 * leader's term is larger, so what a deposed one still sends is told apart and ignored.
 * - `state`: its stream's state (with its backoff's deadline), the tabs sharing it and the resume point; `to` answers one
 *   follower's `need`, with the latest event of each type it newly needs
 * - `event`, `id`: what its connection reported; `fresh` when the event moved the resume point
 * - from followers, named by `from`: `need` (every type it listens to), `leave`, `ping` (are you there?)
 */
export type Message =
  | {
      readonly k: 'state'
      readonly t: number
      readonly state: WireState
      readonly tabs: number
      readonly id: string
      /** When its next try is due, while it waits out a backoff (0 otherwise). */
      readonly until: number
      readonly to?: number | undefined
      readonly latest?: SSEMessage[] | undefined
    }
  | { readonly k: 'event'; readonly t: number; readonly message: SSEMessage; readonly fresh: boolean }
  | { readonly k: 'id'; readonly t: number; readonly id: string }
  | { readonly k: 'need'; readonly from: number; readonly types: string[] }
  | { readonly k: 'leave'; readonly from: number }
  | { readonly k: 'ping'; readonly from: number }

export type LeaderMessage = Extract<Message, { t: number }>
export type FollowerMessage = Exclude<Message, { t: number }>

/** A native `MessageEvent` cannot be posted: its three fields can. */
export const plainMessage = ({ type, data, lastEventId }: SSEMessage): SSEMessage => ({ type, data, lastEventId })

export const toWire = ({ status, readyState, error }: StreamSnapshot | RemoteState): WireState => ({
  status,
  readyState,
  error: error && { kind: error.kind, message: error.message, status: error.status },
})

export function fromWire({ status, readyState, error }: WireState): RemoteState {
  return { status, readyState, error: error && new SSEError(error.kind, error.message, { status: error.status }) }
}

export const sameWire = (a: WireState | undefined, b: WireState): boolean =>
  a?.status === b.status && a.readyState === b.readyState && a.error?.message === b.error?.message && a.error?.status === b.error?.status
