import { backoffDelay, FLAP_LIMIT, retryDelay, type ReconnectPolicy } from './backoff'
import { SSEError } from './errors'
import type { RemoteState, TransportFailure } from './transport'

/**
 * What a stream is doing:
 * - `idle`: nobody wants it, or not any more (the grace period is over)
 * - `connecting`, `open`: a transport connection exists
 * - `retrying`: the transport lost the stream and retries by itself (keeping its resume point)
 * - `following`: the transport relays a connection held elsewhere (another tab); `remote` is its state
 * - `backoff`: our timer runs until `until`, then a new connection opens
 * - `offline`, `hidden`: suspended until the page is online (visible) again
 * - `closed`: stopped until `reconnect()`; `reason` says why
 */
export type Phase = 'idle' | 'connecting' | 'open' | 'retrying' | 'following' | 'backoff' | 'offline' | 'hidden' | 'closed'

export interface StreamState {
  readonly phase: Phase
  /** Someone subscribes now. */
  readonly wanted: boolean
  /** Counts connections asked for: a change means "open a new one". */
  readonly connection: number
  /** Our retries since the stream last opened: the budget, and the base of the backoff exponent. */
  readonly attempt: number
  /** Flaps since the last connection that lasted (see `failed`): past the limit, each lengthens the backoff. */
  readonly flaps: number
  /** Connections in a row that opened and ended with no event: past the limit, each spends the budget. */
  readonly silent: number
  /** When the backoff ends. */
  readonly until: number
  /** No connection before this: the server's `Retry-After`, kept across offline and hidden spells. */
  readonly notBefore: number
  /** When the current connection opened (read while `open`). */
  readonly openedAt: number
  /** When the last connection ended. */
  readonly droppedAt: number
  /** The current connection delivered an event. */
  readonly delivered: boolean
  readonly reason: 'close' | 'final' | 'gave-up' | undefined
  readonly error: SSEError | null
  /** What the connection held elsewhere shows (its status and error), while `following`. */
  readonly remote?: RemoteState
}

export type Input =
  | { readonly type: 'wanted' | 'unwanted' | 'release' | 'opened' | 'delivered' | 'timer' | 'close' | 'reconnect' }
  | { readonly type: 'online' | 'offline' | 'visible' | 'hidden' }
  | { readonly type: 'failed'; readonly failure: TransportFailure; readonly error: SSEError }
  | { readonly type: 'follow'; readonly remote: RemoteState }

/** What the world looks like when an input arrives. */
export interface Env {
  readonly now: number
  readonly random: () => number
  readonly policy: ReconnectPolicy | false
  readonly online: boolean
  /** Visible, or not paused while hidden. */
  readonly visible: boolean
}

export type Effect = 'connect' | 'disconnect' | 'arm' | 'disarm'

/** A connection that lasted this long was healthy: the flap count and the retry budget start afresh. */
export const HEALTHY_AFTER_MS = 5000
/** A connection back this soon after the last one ended came from a fast retry, not a server pacing itself. */
export const QUICK_RETURN_MS = 1000

export const initialState: StreamState = {
  phase: 'idle',
  wanted: false,
  connection: 0,
  attempt: 0,
  flaps: 0,
  silent: 0,
  until: 0,
  notBefore: 0,
  openedAt: 0,
  droppedAt: -Infinity,
  delivered: false,
  reason: undefined,
  error: null,
}

export const hasConnection = (phase: Phase) => phase === 'connecting' || phase === 'open' || phase === 'retrying' || phase === 'following'

const offline = (s: StreamState): StreamState => ({ ...s, phase: 'offline', error: new SSEError('connection', 'The browser is offline') })

/** Opens a new connection, unless the page is offline or hidden. */
const start = (s: StreamState, env: Env): StreamState => {
  if (!env.online) return offline(s)
  if (!env.visible) return { ...s, phase: 'hidden', error: null }
  return { ...s, phase: 'connecting', connection: s.connection + 1, reason: undefined }
}

/** Waits before the next connection, or gives up once the budget is spent. */
const backoff = (s: StreamState, env: Env, floor = 0): StreamState => {
  const delay = retryDelay(env.policy, s, env.random)
  if (delay === undefined) return { ...s, phase: 'closed', reason: 'gave-up' }
  return { ...s, phase: 'backoff', attempt: s.attempt + 1, until: env.now + Math.max(floor, delay), notBefore: env.now + floor }
}

/** Back from offline or hidden: at once, unless the server was failing, then within the first backoff step. */
const resume = (s: StreamState, env: Env, failing = s.attempt > 0): StreamState => {
  if (!failing) return start({ ...s, flaps: 0, silent: 0 }, env)
  const jittered = env.now + backoffDelay(0, env.policy || {}, env.random)
  const until = Math.max(s.notBefore, s.phase === 'backoff' ? Math.min(s.until, jittered) : jittered)
  return { ...s, phase: 'backoff', until }
}

const failed = (s: StreamState, failure: TransportFailure, error: SSEError, env: Env): StreamState => {
  const wasOpen = s.phase === 'open'
  const healthy = wasOpen && env.now - s.openedAt >= HEALTHY_AFTER_MS
  // A flap: a short connection that delivered nothing, or that came straight back after the last
  // one, or any short one once the server is known to flap, whoever retries next. An event does not
  // make a connection healthy (a server may send one per connection and hang up); lasting does. A
  // server that paces its reconnects with `retry:` is not flapping.
  const short = wasOpen && !healthy
  const quick = s.openedAt - s.droppedAt < QUICK_RETURN_MS
  const flap = short && (!s.delivered || quick || s.flaps >= FLAP_LIMIT)
  const next: StreamState = {
    ...s,
    flaps: healthy ? 0 : s.flaps + (flap ? 1 : 0),
    silent: short && !s.delivered ? s.silent + 1 : s.silent,
    droppedAt: env.now,
    error,
  }
  if (failure.final || failure.status === 204) return { ...next, phase: 'closed', reason: 'final' }
  if (!failure.fatal && next.flaps < FLAP_LIMIT) return { ...next, phase: 'retrying' }
  return backoff(next, env, failure.retryAfter)
}

/** A stream wanted again: closed while `close()` holds, waiting while a backoff it inherited runs, else connecting. */
const resumeFrom = (s: StreamState, env: Env): StreamState => {
  if (s.reason === 'close') return { ...s, phase: 'closed' }
  if (s.until > env.now) return { ...s, phase: 'backoff' }
  return start(s, env)
}

/**
 * What a stream that goes leaves the next stream of its key: a `close()` still in force, or a
 * backoff's deadline still ahead (with its counts and error), so coming back never skips a wait.
 */
export const remains = (s: StreamState, now: number): StreamState | undefined => (s.reason === 'close' || s.until > now ? s : undefined)

/** The next state of a stream after an input: pure, so every path is tested without timers or DOM. */
export function transition(s: StreamState, input: Input, env: Env): StreamState {
  const { phase } = s
  const connected = hasConnection(phase)
  switch (input.type) {
    case 'wanted':
      return phase === 'idle' ? resumeFrom({ ...s, wanted: true }, env) : { ...s, wanted: true }
    case 'unwanted':
      return { ...s, wanted: false }
    case 'release':
      // The grace period is over: the stream goes, whatever it was doing (see `remains`).
      return s.wanted ? s : { ...s, phase: 'idle' }
    case 'opened':
      return connected ? { ...s, phase: 'open', openedAt: env.now, delivered: false, error: null, attempt: 0 } : s
    case 'delivered':
      return { ...s, delivered: true, silent: 0 }
    case 'failed':
      return connected ? failed(s, input.failure, input.error, env) : s
    case 'follow':
      return connected ? { ...s, phase: 'following', remote: input.remote } : s
    case 'timer':
      if (phase !== 'backoff') return s
      return s.wanted ? start(s, env) : { ...s, phase: 'idle' }
    case 'online':
      if (phase === 'offline' || phase === 'backoff') return resume(s, env)
      // A stream that gave up is given a new budget when the network comes back.
      return s.reason === 'gave-up' ? resume({ ...s, attempt: 0 }, env, true) : s
    case 'visible':
      return phase === 'hidden' ? resume(s, env) : s
    case 'offline':
      return connected || phase === 'backoff' ? offline(s) : s
    case 'hidden':
      return connected || phase === 'backoff' ? { ...s, phase: 'hidden', error: null } : s
    case 'close':
      return { ...s, phase: 'closed', reason: 'close', error: null }
    case 'reconnect':
      // A fresh start: no deadline of before stays behind for the next stream of the key to inherit.
      return s.wanted ? start({ ...s, attempt: 0, flaps: 0, silent: 0, until: 0 }, env) : s
  }
}

/** The effects that take a stream from one state to the next. */
export function effects(prev: StreamState, next: StreamState): Effect[] {
  const out: Effect[] = []
  const renewed = next.connection !== prev.connection
  const deadline = (s: StreamState) => (s.phase === 'backoff' ? s.until : undefined)
  const retimed = deadline(prev) !== deadline(next)
  // What ends goes first, then what starts.
  if (hasConnection(prev.phase) && (renewed || !hasConnection(next.phase))) out.push('disconnect')
  if (retimed && deadline(prev) !== undefined) out.push('disarm')
  if (renewed) out.push('connect')
  if (retimed && deadline(next) !== undefined) out.push('arm')
  return out
}
