import { failureError } from './errors'
import { createFanout, type Decoding, type Delivery } from './fanout'
import { effects, transition, type Input, type StreamState } from './machine'
import { closeReason, idleSnapshot, snapshotOf } from './snapshot'
import { browserPage } from './page'
import { notify } from './report'
import type { SSEInspector, SSESubscriber } from './inspect'
import { callbacksOf, watchRecovery, type OnReconnect } from './recovery'
import { setTimer } from './timer'
import type { Transport, TransportClose, TransportConnection, TransportSink } from './transport'
import type { SSEListener, SSEOptions, StreamSnapshot, Unsubscribe } from './types'
import { noop } from './noop'

export interface Stream {
  readonly url: string
  getSnapshot(): StreamSnapshot
  /** Listens to state changes; keeps the stream open until the returned function is called (so do `onReconnect`'s). */
  subscribeState(listener: () => void, onReconnect: OnReconnect): Unsubscribe
  /** Adds a subscriber for one event type; keeps the stream open until the returned function is called. */
  subscribe(type: string, listener: SSEListener, decoding: Decoding, onReconnect: OnReconnect): Unsubscribe
  /** The latest event of a type someone listened to. */
  latest(type: string): Delivery | undefined
  close(): void
  reconnect(): void
  /** A newer transport object of the same key: the next requests use its callbacks (a fresh token, say). */
  use(transport: Transport): void
  /** Event subscribers plus state listeners: every hold on the stream. */
  subscriberCount(): number
  inspect(to: Iterable<SSEInspector>): void
}

/**
 * One stream: demand (holds and a grace period), the state store, and one transport connection at a
 * time, driven by the machine's transitions; `options` read when needed. It starts from `initial`
 * (see `remains`), hands its last state to `onDispose`, and tells `inspectors` in records of `key`.
 */
export function createStream(
  url: string,
  transport: Transport,
  options: SSEOptions,
  initial: StreamState,
  onDispose: (last: StreamState) => void,
  inspectors: ReadonlySet<SSEInspector>,
  key: string,
): Stream {
  const stateListeners = new Set<() => void>()
  /** Every hold on the stream, with the `onReconnect` callbacks it brought. */
  const holders = new Set<SSESubscriber & { readonly onReconnect: OnReconnect }>()
  const recovered = watchRecovery(url, options.lastEventIdParam !== '')
  const page = options.page ?? browserPage
  const fanout = createFanout((type, wanted) => connection?.listen?.(type, wanted))
  let state = initial
  let snapshot = idleSnapshot
  let lastEventId = ''
  let connection: TransportConnection | undefined
  /** Numbers connections, so the sink of an old one is ignored. */
  let connectionId = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  let unwatchPage: Unsubscribe | undefined

  const publish = () => {
    const next = snapshotOf(state, lastEventId)
    const moved = next.status !== snapshot.status || next.error !== snapshot.error || next.readyState !== snapshot.readyState
    if (!moved && next.lastEventId === snapshot.lastEventId) return
    const recovery = recovered(snapshot.status, next)
    snapshot = next
    if (moved) connection?.state?.(next)
    notify(stateListeners)
    if (recovery) notify(callbacksOf(holders), recovery)
  }

  const dispatch = (input: Input) => {
    const prev = state
    state = transition(prev, input, {
      now: Date.now(),
      random: Math.random,
      policy: options.reconnect ?? {},
      online: page.online(),
      visible: !options.pauseWhenHidden || page.visible(),
    })
    if (inspectors.size && state !== prev) inform(inspectors, input)
    for (const effect of effects(prev, state)) run[effect]()
    publish()
    if (!state.wanted && state.phase === 'idle') {
      clearTimeout(graceTimer)
      unwatchPage?.()
      unwatchPage = undefined
      onDispose(state)
    }
  }

  /** What a closed connection is told: where the stream goes next. */
  const closing = (): TransportClose => ({
    reason: closeReason(state),
    snapshot: snapshotOf(state, lastEventId),
    retryAt: state.phase === 'backoff' ? state.until : Date.now(),
  })

  const moveTo = (id: string) => {
    lastEventId = id
    publish()
  }

  const run = {
    connect() {
      const id = ++connectionId
      /** Reports of this connection count only while it is the stream's own. */
      const current =
        <TArgs extends unknown[]>(relay: (...args: TArgs) => void) =>
        (...args: TArgs) => {
          if (id === connectionId) relay(...args)
        }
      const sink: TransportSink = {
        open: current(() => dispatch({ type: 'opened' })),
        event: current((message) => {
          if (inspectors.size) notify(inspectors, { key, at: Date.now(), kind: 'event', message })
          if (!state.delivered) dispatch({ type: 'delivered' })
          if (message.lastEventId !== lastEventId) moveTo(message.lastEventId)
          fanout.deliver(message, options.maxMessageBytes)
        }),
        id: current(moveTo),
        comment: noop,
        retry: noop,
        follow: current((remote) => dispatch({ type: 'follow', remote })),
        latest: current((message) => fanout.deliver(message, options.maxMessageBytes, true)),
        error: current((failure) => dispatch({ type: 'failed', failure, error: failureError(failure) })),
      }
      try {
        const types = [...fanout.types()]
        const opened = transport.open({ url, lastEventId, withCredentials: !!options.withCredentials, types, options }, sink)
        if (id !== connectionId) return opened.close(closing()) // it failed for good while opening
        connection = opened
        // Types that came or went while it was opening (a listener that subscribed to another).
        const gone = new Set(types)
        for (const type of fanout.types()) if (!gone.delete(type)) opened.listen?.(type, true)
        for (const type of gone) opened.listen?.(type, false)
      } catch (cause) {
        sink.error({ final: true, fatal: true, message: `Cannot open ${url}: ${String(cause)}`, cause })
      }
    },
    disconnect() {
      connectionId++
      connection?.close(closing())
      connection = undefined
    },
    arm() {
      timer = setTimer(() => dispatch({ type: 'timer' }), state.until - Date.now())
    },
    disarm: () => clearTimeout(timer),
  }

  /** Tells inspectors all about the stream, and the `input` that changed its state (none: its subscribers changed). */
  const inform = (to: Iterable<SSEInspector>, input?: Input) =>
    notify(to, { key, at: Date.now(), kind: 'stream', url, input, state, lastEventId, subscribers: [...holders] })

  /** Keeps the stream wanted until the returned function is called; `leave` says whether it was still held. */
  const hold = (leave: () => boolean, holder: SSESubscriber & { readonly onReconnect: OnReconnect }): Unsubscribe => {
    holders.add(holder)
    if (inspectors.size) inform(inspectors)
    clearTimeout(graceTimer)
    if (!state.wanted) {
      unwatchPage ??= page.subscribe((change) => {
        if (options.pauseWhenHidden || change === 'online' || change === 'offline') dispatch({ type: change })
      })
      dispatch({ type: 'wanted' })
    }
    return () => {
      if (!leave()) return
      holders.delete(holder)
      if (inspectors.size) inform(inspectors)
      if (holders.size) return
      dispatch({ type: 'unwanted' })
      // The grace period lets StrictMode and route changes reuse the connection.
      graceTimer = setTimer(() => dispatch({ type: 'release' }), options.closeDelay ?? 100)
    }
  }

  return {
    url,
    getSnapshot: () => snapshot,
    latest: fanout.latest,
    subscribeState(listener, onReconnect) {
      const entry = () => listener()
      stateListeners.add(entry)
      return hold(() => stateListeners.delete(entry), { onReconnect })
    },
    subscribe: (type, listener, decoding, onReconnect) =>
      hold(fanout.subscribe(type, listener, decoding), { type, state: decoding.state, onReconnect }),
    close: () => dispatch({ type: 'close' }),
    reconnect: () => dispatch({ type: 'reconnect' }),
    use(next) {
      if (next.key !== transport.key) return
      transport = next
      connection?.update?.(next)
    },
    subscriberCount: () => holders.size,
    inspect: inform,
  }
}
