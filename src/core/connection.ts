import { backoffDelay, type ResolvedReconnectPolicy } from './backoff'
import { createDecodeCache, isPromise, type Decoded, type MaybeAsync } from './decode'
import { SSEError } from './errors'
import type { StandardSchemaV1 } from './standard-schema'
import type {
  ConnectionSnapshot,
  EventSourceConstructor,
  EventSourceLike,
  SSEListener,
  SSEParser,
  SSEReadyState,
  SSEStatus,
  Unsubscribe,
} from './types'

export interface ResolvedStreamOptions {
  readonly withCredentials: boolean
  readonly EventSource: EventSourceConstructor | undefined
  readonly reconnect: ResolvedReconnectPolicy | false
  readonly closeDelay: number
  readonly lastEventIdParam: string
  readonly maxMessageBytes: number
  readonly pauseWhenHidden: boolean
}

/** Read at every event, so a subscriber may change its parser or schema without resubscribing. */
export interface Decoding {
  readonly parse?: SSEParser | undefined
  readonly schema?: StandardSchemaV1 | undefined
  readonly onError?: ((error: SSEError) => void) | undefined
}

interface Subscriber {
  readonly listener: SSEListener
  readonly decoding: Decoding
  active: boolean
  /** The dispatch it joined during, if any: it waits for the next event. */
  readonly joinedAt: number
  /** Pending deliveries behind an async schema, so events stay in order. */
  queue?: Promise<unknown> | undefined
}

interface Channel {
  readonly subscribers: Set<Subscriber>
  readonly listener: (event: Event) => void
}

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

/** Server-sent events carry string data; the browser's own `open` and `error` Events do not. */
const isMessage = (event: Event): event is MessageEvent<string> => typeof (event as MessageEvent).data === 'string'

const isHidden = () => globalThis.document?.visibilityState === 'hidden'

function connectionError(event: Event, fatal: boolean): SSEError {
  // The `eventsource` package reports the HTTP status and a message; browsers tell nothing.
  const { code, message } = event as Event & { code?: unknown; message?: unknown }
  return new SSEError(
    'connection',
    (typeof message === 'string' && message) || (fatal ? 'The server refused the stream' : 'The stream was interrupted'),
    { cause: event, status: typeof code === 'number' ? code : undefined },
  )
}

/**
 * One transport for one stream key: a single EventSource, one native listener
 * per event type, decode once per event, ref-counted with a deferred close,
 * and the one reconnect timer.
 */
export function createConnection(url: string, options: ResolvedStreamOptions, onDispose: () => void): Connection {
  const channels = new Map<string, Channel>()
  const stateListeners = new Set<() => void>()
  let source: EventSourceLike | undefined
  let snapshot: ConnectionSnapshot = { status: 'connecting', readyState: CONNECTING, error: null, lastEventId: '' }
  let refs = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closeTimer: ReturnType<typeof setTimeout> | undefined
  /** Our retries since the last open: the backoff exponent and the budget. */
  let retries = 0
  /** Opens in a row that ended fast and silent. */
  let flaps = 0
  let openedAt = 0
  let heardSinceOpen = false
  let hasOpened = false
  /** Nothing reopens until reconnect(); after an exhausted budget, coming back online also does. */
  let stopped: false | 'closed' | 'gave-up' = false
  let watchingPage = false
  let offline = false
  /** Counts dispatches, so a subscriber added by a listener does not get the event being dispatched. */
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
    heardSinceOpen = false
    hasOpened = true
    retries = 0
    set('open', OPEN, null)
  }

  const onError = (event: Event) => {
    if (isMessage(event) || !source) return // a server-sent `event: error` is data, not state
    // CLOSED: the browser gave up (HTTP error, wrong type). CONNECTING: it retries by itself, keeping its
    // Last-Event-ID, and we let it, unless the server keeps answering and hanging up at once.
    const fatal = source.readyState === CLOSED
    const error = connectionError(event, fatal)
    if (!fatal && openedAt) flaps = heardSinceOpen || Date.now() - openedAt >= HEALTHY_AFTER_MS ? 0 : flaps + 1
    openedAt = 0
    if (!fatal && flaps < FLAP_LIMIT) return set('reconnecting', CONNECTING, error)
    detach()
    if (error.status === 204) return stop(error, 'closed') // 204 No Content means "do not reconnect"
    // Each flap past the limit also lengthens the wait, so a server that hangs up forever is backed off.
    retryLater(error, retries++ + Math.max(0, flaps + 1 - FLAP_LIMIT))
  }

  const dispatch = (type: string, channel: Channel, event: Event) => {
    if (!isMessage(event)) return // the browser's own `error` Event is never a payload
    heardSinceOpen = true
    flaps = 0
    if (event.lastEventId !== snapshot.lastEventId) publish({ ...snapshot, lastEventId: event.lastEventId })
    const { data } = event
    const limit = options.maxMessageBytes
    const decode =
      data.length > limit / 3 && new TextEncoder().encode(data).length > limit
        ? () => ({ error: new SSEError('size', `"${type}" is over maxMessageBytes (${limit})`, { eventType: type, lastEventId: event.lastEventId }) })
        : createDecodeCache(event, type)
    const current = ++dispatches
    for (const subscriber of channel.subscribers) {
      const { active, joinedAt, decoding } = subscriber
      if (active && joinedAt !== current) deliver(subscriber, decode(decoding.parse, decoding.schema), event)
    }
  }

  const deliver = (subscriber: Subscriber, result: MaybeAsync<Decoded>, event: MessageEvent<string>) => {
    if (!isPromise(result) && !subscriber.queue) return settle(subscriber, result, event)
    const queued: Promise<unknown> = (subscriber.queue ?? Promise.resolve())
      .then(() => result)
      .then((decoded) => {
        if (subscriber.queue === queued) subscriber.queue = undefined
        if (subscriber.active) settle(subscriber, decoded, event)
      })
    subscriber.queue = queued
  }

  const settle = (subscriber: Subscriber, result: Decoded, event: MessageEvent<string>) => {
    if ('error' in result) return report(subscriber, result.error)
    try {
      subscriber.listener(result.value, event)
    } catch (cause) {
      report(subscriber, new SSEError('listener', `A listener of "${event.type}" threw`, { eventType: event.type, lastEventId: event.lastEventId, cause }))
    }
  }

  const report = ({ decoding }: Subscriber, error: SSEError) => {
    try {
      if (decoding.onError) return decoding.onError(error)
    } catch (cause) {
      error = new SSEError('listener', 'onError threw', { cause })
    }
    console.error(error)
  }

  const listen = (target: EventSourceLike, method: 'addEventListener' | 'removeEventListener') => {
    target[method]('open', onOpen)
    target[method]('error', onError)
    for (const [type, channel] of channels) target[method](type, channel.listener)
  }

  const open = () => {
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as EventSourceConstructor | undefined)
    const id = snapshot.lastEventId
    try {
      if (!EventSourceImpl) throw new Error('no EventSource here: pass the EventSource option')
      let target = url
      if (id && options.lastEventIdParam) {
        const resumeUrl = new URL(url)
        resumeUrl.searchParams.set(options.lastEventIdParam, id)
        target = resumeUrl.href
      }
      source = new EventSourceImpl(target, { withCredentials: options.withCredentials })
    } catch (cause) {
      return stop(new SSEError('connection', `Cannot open ${url}: ${String(cause)}`, { cause }), 'closed')
    }
    listen(source, 'addEventListener')
    watchPage(true)
    set(hasOpened || retries ? 'reconnecting' : 'connecting', CONNECTING, snapshot.error)
  }

  const detach = () => {
    if (!source) return
    listen(source, 'removeEventListener')
    source.close()
    source = undefined
    openedAt = 0
  }

  const clearRetry = () => {
    globalThis.clearTimeout(retryTimer)
    retryTimer = undefined
  }

  const halt = () => {
    clearRetry()
    pendingRetry = undefined
    detach()
  }

  const stop = (error: SSEError | null, reason: 'closed' | 'gave-up') => {
    stopped = reason
    halt()
    set('closed', CLOSED, error)
  }

  const retryLater = (error: SSEError, attempt: number) => {
    const policy = options.reconnect
    if (!policy || attempt >= policy.maxRetries) return stop(error, 'gave-up')
    pendingRetry = () => retryLater(error, attempt)
    if (refs) {
      retryTimer = globalThis.setTimeout(() => {
        retryTimer = pendingRetry = undefined
        open()
      }, backoffDelay(attempt, policy))
    }
    set('reconnecting', CLOSED, error)
  }

  const resume = () => {
    if (!refs || source || stopped || retryTimer !== undefined) return
    watchPage(true)
    if (offline || globalThis.navigator?.onLine === false) return onOffline()
    // With pauseWhenHidden, a stream wanted while the page is hidden waits for it to be visible.
    if (options.pauseWhenHidden && isHidden()) return set('closed', CLOSED, null)
    if (pendingRetry) return pendingRetry() // wait out the backoff a previous subscriber started
    open()
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
    if (stopped === 'gave-up') stopped = false
    retries = flaps = 0
    clearRetry()
    pendingRetry = undefined
    resume()
  }

  const onVisibilityChange = () => (isHidden() ? suspend('closed', null) : resume())

  const watchPage = (on: boolean) => {
    if (on === watchingPage || typeof window === 'undefined') return
    watchingPage = on
    const method = on ? 'addEventListener' : 'removeEventListener'
    window[method]('online', onOnline)
    window[method]('offline', onOffline)
    if (options.pauseWhenHidden) document[method]('visibilitychange', onVisibilityChange)
  }

  const retain = (): Unsubscribe => {
    refs++
    globalThis.clearTimeout(closeTimer)
    closeTimer = undefined
    resume()
    let released = false
    return () => {
      if (released) return
      released = true
      if (--refs) return
      // The grace period lets StrictMode and route changes reuse the stream. A pending retry is
      // cancelled; a subscriber coming back waits out the rest of the backoff (pendingRetry).
      clearRetry()
      closeTimer = globalThis.setTimeout(() => {
        halt()
        watchPage(false)
        onDispose()
      }, options.closeDelay)
    }
  }

  return {
    url,
    getSnapshot: () => snapshot,

    subscribeState(listener) {
      const entry = () => listener()
      stateListeners.add(entry)
      const release = retain()
      return () => {
        stateListeners.delete(entry)
        release()
      }
    },

    subscribe(type, listener, decoding) {
      let channel = channels.get(type)
      if (!channel) {
        const created: Channel = { subscribers: new Set(), listener: (event) => dispatch(type, created, event) }
        channels.set(type, (channel = created))
        source?.addEventListener(type, created.listener)
      }
      const owner = channel
      const active: Subscriber = { listener, decoding, active: true, joinedAt: dispatches }
      owner.subscribers.add(active)
      const release = retain()
      return () => {
        if (!active.active) return
        active.active = false
        owner.subscribers.delete(active)
        if (!owner.subscribers.size && channels.get(type) === owner) {
          channels.delete(type)
          source?.removeEventListener(type, owner.listener)
        }
        release()
      }
    },

    close: () => stop(null, 'closed'),

    reconnect() {
      stopped = false
      retries = flaps = 0
      halt()
      resume()
    },

    subscriberCount() {
      let count = stateListeners.size
      for (const channel of channels.values()) count += channel.subscribers.size
      return count
    },
  }
}
