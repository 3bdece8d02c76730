import { describe, expect, it } from 'vitest'
import { SSEError } from '../../src/core/errors'
import { effects, initialState, transition, type Env, type Input, type StreamState } from '../../src/core/machine'
import { closeReason, snapshotOf } from '../../src/core/snapshot'

const env = (overrides: Partial<Env> = {}): Env => ({
  now: 10_000,
  random: () => 0.5,
  policy: { initialDelay: 1000, maxDelay: 30_000, factor: 2, maxRetries: 10 },
  online: true,
  visible: true,
  ...overrides,
})
const error = new SSEError('connection', 'test')
const failed = (fatal: boolean, extra: object = {}): Input => ({ type: 'failed', failure: { fatal, ...extra }, error })

/** Runs inputs in order, each at its own time, and returns every state and the effects of the last. */
function run(inputs: [Input, number?][], start: StreamState = initialState, base: Partial<Env> = {}) {
  let state = start
  let last: ReturnType<typeof effects> = []
  for (const [input, now = 10_000] of inputs) {
    const next = transition(state, input, env({ ...base, now }))
    last = effects(state, next)
    state = next
  }
  return { state, effects: last, snapshot: snapshotOf(state, '') }
}

const open = (now = 10_000): [Input, number][] => [
  [{ type: 'wanted' }, now],
  [{ type: 'opened' }, now],
]

describe('stream machine: transitions as a table', () => {
  it.each([
    ['first subscriber', [[{ type: 'wanted' }]], 'connecting', ['connect'], 'connecting', 0],
    ['transport opens', open(), 'open', [], 'open', 1],
    ['transport retries by itself', [...open(), [failed(false), 20_000]], 'retrying', [], 'reconnecting', 0],
    ['transport gives up: our backoff', [...open(), [failed(true)]], 'backoff', ['disconnect', 'arm'], 'reconnecting', 2],
    ['204 stops for good', [...open(), [failed(true, { status: 204 })]], 'closed', ['disconnect'], 'closed', 2],
    ['final stops for good', [...open(), [failed(true, { final: true })]], 'closed', ['disconnect'], 'closed', 2],
    ['close()', [...open(), [{ type: 'close' }]], 'closed', ['disconnect'], 'closed', 2],
    ['offline', [...open(), [{ type: 'offline' }]], 'offline', ['disconnect'], 'reconnecting', 2],
    ['hidden', [...open(), [{ type: 'hidden' }]], 'hidden', ['disconnect'], 'closed', 2],
    ['last subscriber gone: the connection stays for the grace period', [...open(), [{ type: 'unwanted' }]], 'open', [], 'open', 1],
    ['grace period over', [...open(), [{ type: 'unwanted' }], [{ type: 'release' }]], 'idle', ['disconnect'], 'connecting', 0],
    ['wanted while offline', [[{ type: 'wanted' }]], 'offline', [], 'reconnecting', 2, { online: false }],
    ['wanted while hidden and paused', [[{ type: 'wanted' }]], 'hidden', [], 'closed', 2, { visible: false }],
  ] as [string, [Input, number?][], string, string[], string, number, Partial<Env>?][])(
    '%s → %s',
    (_name, inputs, phase, effectList, status, readyState, base = {}) => {
      const result = run(inputs, initialState, base)
      expect(result.state.phase).toBe(phase)
      expect(result.effects).toEqual(effectList)
      expect(result.snapshot).toMatchObject({ status, readyState })
    },
  )

  it('ignores transport reports that arrive when no connection exists', () => {
    const closed = run([...open(), [{ type: 'close' }]]).state
    expect(transition(closed, { type: 'opened' }, env())).toBe(closed)
    expect(transition(closed, failed(true), env())).toBe(closed)
  })

  it('a backoff has a deadline: demand lost and regained keeps it, the timer then connects', () => {
    const backoff = run([...open(), [failed(true), 10_000]]).state
    expect(backoff.until).toBe(10_500) // random 0.5 of the first 1000 ms step
    const away = run(
      [
        [{ type: 'unwanted' }, 10_400],
        [{ type: 'wanted' }, 10_400],
      ],
      backoff,
    )
    expect(away.state).toMatchObject({ phase: 'backoff', until: 10_500 })
    expect(away.effects).toEqual([])
    expect(run([[{ type: 'timer' }, 10_500]], away.state).effects).toEqual(['disarm', 'connect'])
    // Nobody came back: the timer ends the backoff without connecting, grace period or not.
    const gone = run(
      [
        [{ type: 'unwanted' }, 10_400],
        [{ type: 'release' }, 10_450],
        [{ type: 'timer' }, 10_500],
      ],
      backoff,
    )
    expect(
      run(
        [
          [{ type: 'unwanted' }, 10_400],
          [{ type: 'timer' }, 10_500],
        ],
        backoff,
      ).state.phase,
    ).toBe('idle')
    expect(gone.state.phase).toBe('idle')
    expect(gone.effects).not.toContain('connect')
  })

  it('online during a backoff moves the deadline into the first step, jittered, and keeps the budget', () => {
    // Four refusals in a row (no open between): the fifth wait is up to 16 s.
    let state = run([[{ type: 'wanted' }]]).state
    for (let refusal = 0; refusal < 5; refusal++) state = run([[failed(true)], [{ type: 'timer' }]], state).state
    state = run([[failed(true)]], { ...state, attempt: 4 }).state
    expect(state.until - 10_000).toBe(8000) // 0.5 of the fifth step, 16 s
    const early = transition(state, { type: 'online' }, env({ now: 10_100, random: () => 0.2 }))
    const late = transition(state, { type: 'online' }, env({ now: 10_100, random: () => 0.7 }))
    expect([early.until, late.until]).toEqual([10_300, 10_800])
    expect(early.attempt).toBe(state.attempt)
    // offline, then online: same, the server was failing
    const offline = transition(state, { type: 'offline' }, env())
    expect(transition(offline, { type: 'online' }, env({ now: 10_100, random: () => 0.2 }))).toMatchObject({
      phase: 'backoff',
      until: 10_300,
    })
  })

  it('offline then online after an open stream reconnects at once', () => {
    const result = run([...open(), [{ type: 'offline' }], [{ type: 'online' }]])
    expect(result.state.phase).toBe('connecting')
    expect(result.effects).toEqual(['connect'])
  })

  it('a server that hangs up with no event flaps: three, then our backoff, growing, then the budget is spent', () => {
    let state = run(open(0)).state
    const phases: string[] = []
    const waits: number[] = []
    let now = 0
    for (let round = 0; round < 20 && state.phase !== 'closed'; round++) {
      now += 10
      state = transition(state, failed(false), env({ now, random: () => 0.999 }))
      phases.push(state.phase)
      if (state.phase === 'backoff') {
        waits.push(state.until - now)
        now = state.until
        state = transition(state, { type: 'timer' }, env({ now }))
      }
      state = transition(state, { type: 'opened' }, env({ now }))
    }
    expect(phases.slice(0, 3)).toEqual(['retrying', 'retrying', 'backoff'])
    expect(waits).toEqual([...waits].sort((a, b) => a - b))
    expect(waits[1]).toBeGreaterThan(waits[0] ?? Infinity)
    expect(state.phase).toBe('closed')
  })

  it('a server that sends one event and is back within 1 s is flapping; one that paces itself is not', () => {
    const cycle = (gap: number) => {
      let state = run(open(0)).state
      let now = 0
      for (let round = 0; round < 6; round++) {
        state = transition(state, { type: 'delivered' }, env({ now }))
        state = transition(state, failed(false), env({ now: (now += 1) }))
        if (state.phase === 'backoff') return 'backoff'
        state = transition(state, { type: 'opened' }, env({ now: (now += gap) }))
      }
      return state.phase
    }
    expect(cycle(10)).toBe('backoff')
    expect(cycle(3000)).toBe('open')
  })

  it('a connection that lasted forgives earlier flaps; a short one counts, however it failed', () => {
    let state = run(open(0)).state
    state = run(
      [
        [failed(false), 10],
        [{ type: 'opened' }, 10],
        [failed(false), 20],
        [{ type: 'opened' }, 20],
      ],
      state,
    ).state
    expect(state.flaps).toBe(2)
    state = run([[failed(false), 10_000]], state).state
    expect(state.flaps).toBe(0)
    const fatal = run([...open(1000), [failed(true), 1005]]).state
    expect(fatal.flaps).toBe(1)
    const lastedThenRefused = run([...open(1000), [failed(true), 7000]]).state
    expect(lastedThenRefused).toMatchObject({ flaps: 0, attempt: 1 })
  })

  it('Retry-After is a floor of the wait, kept through offline and hidden spells', () => {
    const state = run([...open(), [failed(true, { status: 503, retryAfter: 5000 })]]).state
    expect(state.until - 10_000).toBe(5000)
    const back = run(
      [
        [{ type: 'offline' }, 10_100],
        [{ type: 'online' }, 10_200],
      ],
      state,
    ).state
    expect(back).toMatchObject({ phase: 'backoff', until: 15_000 })
    const shown = run(
      [
        [{ type: 'hidden' }, 10_100],
        [{ type: 'visible' }, 10_200],
      ],
      state,
    ).state
    expect(shown).toMatchObject({ phase: 'backoff', until: 15_000 })
  })

  it('reconnect() during a backoff leaves no deadline behind for a later stream to inherit', () => {
    const waiting = run([...open(), [failed(true, { status: 503, retryAfter: 30_000 })]]).state
    const again = run([[{ type: 'reconnect' }], [{ type: 'opened' }]], waiting).state
    expect(again.phase).toBe('open')
    expect(again.until).toBe(0)
  })

  it('reconnect() opens anew with a fresh budget, also after giving up', () => {
    const gaveUp = run([...open(), [failed(true)]], initialState, { policy: false }).state
    expect(gaveUp).toMatchObject({ phase: 'closed', reason: 'gave-up' })
    const again = run([[{ type: 'reconnect' }]], gaveUp)
    expect(again.state).toMatchObject({ phase: 'connecting', attempt: 0 })
    expect(again.effects).toEqual(['connect'])
    expect(again.snapshot.status).toBe('reconnecting')
  })

  it('a relay shows the state of the connection it follows, runs no timer of its own, and hands back on its own reports', () => {
    const remote = { status: 'reconnecting' as const, readyState: 2 as const, error }
    const following = run([[{ type: 'wanted' }], [{ type: 'follow', remote }]])
    expect(following.state.phase).toBe('following')
    expect(following.effects).toEqual([])
    expect(following.snapshot).toEqual({ status: 'reconnecting', readyState: 2, error, lastEventId: '' })
    // Nothing follows a stream with no connection.
    expect(transition(initialState, { type: 'follow', remote }, env())).toBe(initialState)
    // Taking over: its own open, or its own failure, decides from then on.
    expect(run([[{ type: 'opened' }]], following.state).snapshot.status).toBe('open')
    const refused = run([[failed(true)]], following.state)
    expect(refused.state.phase).toBe('backoff')
    expect(refused.effects).toEqual(['disconnect', 'arm'])
  })

  it.each([
    ['a backoff', [...open(), [failed(true)]], 'retry'],
    ['reconnect()', [...open(), [{ type: 'reconnect' }]], 'retry'],
    ['the grace period over', [...open(), [{ type: 'unwanted' }], [{ type: 'release' }]], 'leave'],
    ['close()', [...open(), [{ type: 'close' }]], 'leave'],
    ['offline', [...open(), [{ type: 'offline' }]], 'leave'],
    ['a 204', [...open(), [failed(true, { status: 204 })]], 'stop'],
    ['the budget spent', [...open(), [failed(true)]], 'stop', { policy: false }],
  ] as [string, [Input, number?][], string, Partial<Env>?][])(
    'a connection closed by %s is told %s',
    (_name, inputs, reason, base = {}) => {
      const result = run(inputs, initialState, base)
      expect(result.effects).toContain('disconnect')
      expect(closeReason(result.state)).toBe(reason)
    },
  )
})
