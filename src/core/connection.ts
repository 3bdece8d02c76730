import { backoffDelay } from './backoff'
import { createDecoder, isPromise, type Decode, type Decoded } from './decode'
import { eventError, isFailure, SSEError } from './errors'
import type {
  ConnectionSnapshot,
  EventSourceConstructor,
  EventSourceLike,
  SSEListener,
  SSEReadyState,
  SSEStatus,
  StreamOptions,
  SubscribeOptions,
  Unsubscribe,
} from './types'

/** Read at every event, so a subscriber may change its parser, schema or onError without resubscribing. */
export type Decoding = Pick<SubscribeOptions, 'parse' | 'schema' | 'onError'>

/** One subscriber of one event type; `dispatch` numbers the event, so one added meanwhile waits for the next. */
type Receiver = (event: MessageEvent<string>, decode: Decode, dispatch: number) => void

export interface Connection {
  readonly url: string
  getSnapshot(): ConnectionSnapshot
  /** Listens to state changes; keeps the stream open until the returned function is called. */
  subscribeState(listener: () => void): Unsubscribe
  /** Adds a subscriber for one event type; keeps the stream open until the returned function is called. */
  subscribe(type: string, listener: SSEListener, decoding: Decoding): Unsubscribe
  close(): void
  reconnect(): void
  /** Event subscribers plus state listeners. */
  subscriberCount(): number
}

const CONNECTING = 0
const OPEN = 1
const CLOSED = 2
/** Opens that end this soon with no event count as flapping (a server that answers and hangs up). */
const HEALTHY_AFTER_MS = 5000
/** Flaps in a row the browser may retry by itself before our backoff takes over. */
const FLAP_LIMIT = 3

/** The state of a stream nobody has opened yet, and the server snapshot. */
export const idleSnapshot: ConnectionSnapshot = Object.freeze({ status: 'connecting', readyState: CONNECTING, error: null, lastEventId: '' })

/** Server-sent events carry string data; the browser's own `open` and `error` Events do not. */
const isMessage = (event: Event): event is MessageEvent<string> => typeof (event as MessageEvent).data === 'string'

const isHidden = () => globalThis.document?.visibilityState === 'hidden'

/**
 * One transport for one stream key: a single EventSource, one native listener
 * per event type, decode once per event, ref-counted with a deferred close,
 * and the one reconnect timer. `options` are read when they are needed.
 */
export function createConnection(url: string, options: StreamOptions, onDispose: () => void): Connection {
  const channels = new Map<string, Set<Receiver>>()
  const stateListeners = new Set<() => void>()
  let source: EventSourceLike | undefined
  let snapshot = idleSnapshot
  let refs = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closeTimer: ReturnType<typeof setTimeout> | undefined
  /** Our retries since the last open: the backoff exponent and the budget. */
  let retries = 0
  /** Opens in a row that ended fast and silent. */
  let flaps = 0
  /** When the stream opened, until its first event proves it healthy. */
  let openedAt = 0
  let hasOpened = false
  /** Nothing reopens until reconnect(); after an exhausted budget, coming back online also does. */
  let stopped: false | 'closed' | 'gave-up' = false
  let offline = false
  let dispatches = 0
  /** A backoff wait cut short by the last subscriber leaving, to resume when one comes back. */
  let pendingRetry: (() => void) | undefined

  const publish = (next: ConnectionSnapshot) => {
    snapshot = next
    for (const listener of stateListeners) listener()
  }
  const set = (status: SSEStatus, readyState: SSEReadyState, error: SSEError | null) =>
    publish({ status, readyState, error, lastEventId: snapshot.lastEventId })

  const onOpen = (event: Event) => {
    if (isMessage(event)) return // a server-sent `event: open` is data, not state
    openedAt = Date.now()
    hasOpened = true
    retries = 0
    set('open', OPEN, null)
  }

  const onError = (event: Event) => {
    if (isMessage(event) || !source) return // a server-sent `event: error` is data, not state
    // CLOSED: the browser gave up (HTTP error, wrong type). CONNECTING: it retries by itself, keeping its
    // Last-Event-ID, and we let it, unless the server keeps answering and hanging up at once.
    const fatal = source.readyState === CLOSED
    // The `eventsource` package reports the HTTP status and a message; browsers tell nothing.
    const { code, message } = event as Event & { code?: unknown; message?: unknown }
    const error = new SSEError(
      'connection',
      (typeof message === 'string' && message) || (fatal ? 'The server refused the stream' : 'The stream was interrupted'),
      { cause: event, status: typeof code === 'number' ? code : undefined },
    )
    if (!fatal && openedAt) flaps = Date.now() - openedAt < HEALTHY_AFTER_MS ? flaps + 1 : 0
    openedAt = 0
    if (!fatal && flaps < FLAP_LIMIT) return set('reconnecting', CONNECTING, error)
    if (code === 204) return stop(error, 'closed') // 204 No Content means "do not reconnect"
    halt()
    // Each flap past the limit also lengthens the wait, so a server that hangs up forever is backed off.
    retryLater(error, retries++ + Math.max(0, flaps + 1 - FLAP_LIMIT))
  }

  /** The one native listener, for every event type: it finds the type's subscribers. */
  const onEvent = (event: Event) => {
    const receivers = channels.get(event.type)
    if (!receivers || !isMessage(event)) return // the browser's own `error` Event is never a payload
    flaps = openedAt = 0
    const { data, lastEventId } = event
    if (lastEventId !== snapshot.lastEventId) publish({ ...snapshot, lastEventId })
    const limit = options.maxMessageBytes ?? Infinity
    const oversize =
      data.length > limit / 3 &&
      new TextEncoder().encode(data).length > limit &&
      eventError('size', { type: event.type, lastEventId }, `over maxMessageBytes (${limit})`)
    const decode = oversize ? () => oversize : createDecoder(event)
    const current = ++dispatches
    for (const receive of receivers) receive(event, decode, current)
  }

  const listen = (target: EventSourceLike, method: 'addEventListener' | 'removeEventListener') => {
    target[method]('open', onOpen)
    target[method]('error', onError)
    for (const type of channels.keys()) target[method](type, onEvent)
  }

  const open = () => {
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as EventSourceConstructor | undefined)
    const param = options.lastEventIdParam ?? 'lastEventId'
    try {
      if (!EventSourceImpl) throw new Error('no EventSource here: pass the EventSource option')
      // A new EventSource forgets the last event id: the resume point travels in the URL.
      let target = url
      if (snapshot.lastEventId && param) {
        const resumeUrl = new URL(url)
        resumeUrl.searchParams.set(param, snapshot.lastEventId)
        target = resumeUrl.href
      }
      source = new EventSourceImpl(target, { withCredentials: !!options.withCredentials })
    } catch (cause) {
      return stop(new SSEError('connection', `Cannot open ${url}: ${String(cause)}`, { cause }), 'closed')
    }
    listen(source, 'addEventListener')
    set(hasOpened || retries ? 'reconnecting' : 'connecting', CONNECTING, snapshot.error)
  }

  /** Drops the EventSource and any pending retry. */
  const halt = () => {
    clearTimeout(retryTimer)
    retryTimer = pendingRetry = undefined
    openedAt = 0
    if (!source) return
    listen(source, 'removeEventListener')
    source.close()
    source = undefined
  }

  const stop = (error: SSEError | null, reason: 'closed' | 'gave-up') => {
    stopped = reason
    halt()
    set('closed', CLOSED, error)
  }

  const retryLater = (error: SSEError, attempt: number) => {
    const policy = options.reconnect
    if (policy === false || attempt >= (policy?.maxRetries ?? 10)) return stop(error, 'gave-up')
    pendingRetry = () => retryLater(error, attempt)
    if (refs) {
      retryTimer = setTimeout(() => {
        retryTimer = pendingRetry = undefined
        open()
      }, backoffDelay(attempt, policy))
    }
    set('reconnecting', CLOSED, error)
  }

  const resume = () => {
    if (!refs || source || stopped || retryTimer) return
    watchPage('addEventListener')
    if (offline || globalThis.navigator?.onLine === false) return onOffline()
    // With pauseWhenHidden, a stream wanted while the page is hidden waits for it to be visible.
    if (options.pauseWhenHidden && isHidden()) return set('closed', CLOSED, null)
    if (pendingRetry) return pendingRetry() // wait out the backoff a previous subscriber started
    open()
  }

  /** Opens anew now, with a fresh retry budget. */
  const restart = () => {
    stopped = false
    retries = flaps = 0
    halt()
    resume()
  }

  /** Offline, or hidden with pauseWhenHidden: close now, come back on `online` / `visibilitychange`. */
  const suspend = (status: SSEStatus, error: SSEError | null) => {
    if (stopped) return
    halt()
    set(status, CLOSED, error)
  }

  const onOffline = () => {
    offline = true
    suspend('reconnecting', new SSEError('connection', 'The browser went offline'))
  }

  const onOnline = () => {
    offline = false
    if (!source && stopped !== 'closed') restart()
  }

  const onVisibilityChange = () => (isHidden() ? suspend('closed', null) : resume())

  /** Adding a listener twice is a no-op, so every resume may call this. */
  const watchPage = (method: 'addEventListener' | 'removeEventListener') => {
    if (typeof window === 'undefined') return
    window[method]('online', onOnline)
    window[method]('offline', onOffline)
    if (options.pauseWhenHidden) document[method]('visibilitychange', onVisibilityChange)
  }

  const retain = () => {
    refs++
    clearTimeout(closeTimer)
    resume()
  }

  const release = () => {
    if (--refs) return
    // The grace period lets StrictMode and route changes reuse the stream. A pending retry is
    // cancelled; a subscriber coming back waits out the rest of the backoff (pendingRetry).
    clearTimeout(retryTimer)
    retryTimer = undefined
    closeTimer = setTimeout(() => {
      halt()
      watchPage('removeEventListener')
      onDispose()
    }, options.closeDelay ?? 100)
  }

  return {
    url,
    getSnapshot: () => snapshot,

    subscribeState(listener) {
      const entry = () => listener()
      stateListeners.add(entry)
      retain()
      return () => {
        if (stateListeners.delete(entry)) release()
      }
    },

    subscribe(type, listener, decoding) {
      let receivers = channels.get(type)
      if (!receivers) {
        channels.set(type, (receivers = new Set()))
        source?.addEventListener(type, onEvent)
      }
      const owner = receivers
      const joinedAt = dispatches
      /** Deliveries waiting behind an async schema, so events stay in order. */
      let queue: Promise<unknown> | undefined
      const deliver = (decoded: Decoded, event: MessageEvent<string>) => {
        let error = isFailure(decoded) ? decoded : undefined
        if (!error) {
          try {
            listener(decoded, event)
          } catch (cause) {
            error = eventError('listener', event, cause)
          }
        }
        if (!error) return
        try {
          ;(decoding.onError ?? console.error)(error)
        } catch (cause) {
          console.error(eventError('listener', event, cause))
        }
      }
      const receive: Receiver = (event, decode, dispatch) => {
        if (dispatch === joinedAt) return
        const { schema } = decoding
        const result = decode(decoding.parse, schema)
        // Only a schema can make decoding asynchronous.
        if (!queue && !(schema && isPromise(result))) return deliver(result, event)
        const queued: Promise<unknown> = (queue = Promise.all([queue, result]).then(([, decoded]) => {
          if (queue === queued) queue = undefined
          if (owner.has(receive)) deliver(decoded, event)
        }))
      }
      owner.add(receive)
      retain()
      return () => {
        if (!owner.delete(receive)) return
        if (!owner.size) {
          channels.delete(type)
          source?.removeEventListener(type, onEvent)
        }
        release()
      }
    },

    close: () => stop(null, 'closed'),

    reconnect: restart,

    subscriberCount() {
      let count = stateListeners.size
      for (const receivers of channels.values()) count += receivers.size
      return count
    },
  }
}
