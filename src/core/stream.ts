import { SSEError } from './errors'
import { createFanout, type Decoding, type Delivery } from './fanout'
import { effects, initialState, snapshotOf, transition, type Input } from './machine'
import { browserPage } from './page'
import type { Transport, TransportConnection, TransportSink } from './transport'
import type { SSEListener, SSEOptions, StreamSnapshot, Unsubscribe } from './types'

export interface Stream {
  readonly url: string
  getSnapshot(): StreamSnapshot
  /** Listens to state changes; keeps the stream open until the returned function is called. */
  subscribeState(listener: () => void): Unsubscribe
  /** Adds a subscriber for one event type; keeps the stream open until the returned function is called. */
  subscribe(type: string, listener: SSEListener, decoding: Decoding): Unsubscribe
  /** The latest event of a type someone listened to. */
  latest(type: string): Delivery | undefined
  close(): void
  reconnect(): void
  /** Event subscribers plus state listeners. */
  subscriberCount(): number
}

/** The state of a stream nobody has opened yet, and the server snapshot. */
export const idleSnapshot: StreamSnapshot = Object.freeze(snapshotOf(initialState, ''))

/**
 * One stream: demand (ref-count and a grace period), the state store, and one transport connection
 * at a time, driven by the machine's transitions. `options` are read when they are needed.
 */
export function createStream(url: string, transport: Transport, options: SSEOptions, onDispose: () => void): Stream {
  const stateListeners = new Set<() => void>()
  const page = options.page ?? browserPage
  let state = initialState
  let snapshot = idleSnapshot
  let lastEventId = ''
  let connection: TransportConnection | undefined
  /** Numbers connections, so a sink of an old one is ignored. */
  let live = 0
  let refs = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  let unwatchPage: Unsubscribe | undefined

  const publish = () => {
    const next = snapshotOf(state, lastEventId)
    const { status, error, readyState } = snapshot
    if (next.status === status && next.error === error && next.readyState === readyState && next.lastEventId === snapshot.lastEventId) return
    snapshot = next
    for (const listener of stateListeners) listener()
  }

  const fanout = createFanout((type, wanted) => connection?.listen?.(type, wanted))

  const dispatch = (input: Input) => {
    const prev = state
    state = transition(prev, input, {
      now: Date.now(),
      random: Math.random,
      policy: options.reconnect ?? {},
      online: page.online(),
      visible: !options.pauseWhenHidden || page.visible(),
    })
    for (const effect of effects(prev, state)) run[effect]()
    publish()
    if (!state.wanted && state.phase !== 'backoff') dispose()
  }

  const moveTo = (id: string) => {
    if (id === lastEventId) return
    lastEventId = id
    publish()
  }

  const connect = () => {
    const id = ++live
    const current = () => id === live
    const sink: TransportSink = {
      open: () => current() && dispatch({ type: 'opened' }),
      event(message) {
        if (!current()) return
        if (!state.delivered) dispatch({ type: 'delivered' })
        moveTo(message.lastEventId)
        fanout.deliver(message, options.maxMessageBytes)
      },
      id: (next) => current() && moveTo(next),
      comment() {},
      retry() {},
      error(failure) {
        if (!current()) return
        const { message, fatal, status, cause, kind = 'connection' } = failure
        const text = message || (fatal ? 'The server refused the stream' : 'The stream was interrupted')
        dispatch({ type: 'failed', failure, error: new SSEError(kind, text, { cause, status }) })
      },
    }
    try {
      const opened = transport.open({ url, lastEventId, withCredentials: !!options.withCredentials, types: fanout.types() }, sink)
      if (current()) connection = opened
      else opened.close() // it failed for good while opening
    } catch (cause) {
      sink.error({ final: true, fatal: true, message: `Cannot open ${url}: ${String(cause)}`, cause })
    }
  }

  const run = {
    connect,
    disconnect() {
      live++
      connection?.close()
      connection = undefined
    },
    arm: () => (timer = setTimeout(() => dispatch({ type: 'timer' }), state.until - Date.now())),
    disarm: () => clearTimeout(timer),
  }

  const dispose = () => {
    clearTimeout(graceTimer)
    unwatchPage?.()
    unwatchPage = undefined
    onDispose()
  }

  const retain = () => {
    refs++
    clearTimeout(graceTimer)
    if (state.wanted) return
    unwatchPage ??= page.subscribe((change) => {
      if (options.pauseWhenHidden || (change !== 'visible' && change !== 'hidden')) dispatch({ type: change })
    })
    dispatch({ type: 'wanted' })
  }

  const release = () => {
    // The grace period lets StrictMode and route changes reuse the stream.
    if (!--refs) graceTimer = setTimeout(() => dispatch({ type: 'unwanted' }), options.closeDelay ?? 100)
  }

  /** Keeps the stream wanted until the returned function is called, once. */
  const hold = (leave: () => void): Unsubscribe => {
    retain()
    let held = true
    return () => {
      if (!held) return
      held = false
      leave()
      release()
    }
  }

  return {
    url,
    getSnapshot: () => snapshot,
    latest: fanout.latest,
    subscribeState(listener) {
      const entry = () => listener()
      stateListeners.add(entry)
      return hold(() => stateListeners.delete(entry))
    },
    subscribe: (type, listener, decoding) => hold(fanout.subscribe(type, listener, decoding)),
    close: () => dispatch({ type: 'close' }),
    reconnect: () => dispatch({ type: 'reconnect' }),
    subscriberCount: () => stateListeners.size + fanout.count(),
  }
}
