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

export interface Subscriber {
  readonly listener: SSEListener
  readonly parse?: SSEParser | undefined
  readonly schema?: StandardSchemaV1 | undefined
  readonly onError?: ((error: SSEError) => void) | undefined
}

interface ActiveSubscriber extends Subscriber {
  active: boolean
  /** Pending deliveries behind an async schema, so events stay in order. */
  queue: Promise<unknown> | undefined
}

interface Channel {
  readonly subscribers: Set<ActiveSubscriber>
  readonly listener: (event: Event) => void
}

export interface Connection {
  readonly url: string
  getSnapshot(): ConnectionSnapshot
  /** Listens to state changes; keeps the stream open until the returned function is called. */
  subscribeState(listener: () => void): Unsubscribe
  /** Adds a subscriber for one event type; keeps the stream open until the returned function is called. */
  subscribe(type: string, subscriber: Subscriber): Unsubscribe
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

const isMessage = (event: Event): event is MessageEvent<string> =>
  typeof (event as MessageEvent).data === 'string'

const utf8Length = (text: string): number => new TextEncoder().encode(text).length

const withParam = (url: string, name: string, value: string): string => {
  try {
    const parsed = new URL(url)
    parsed.searchParams.set(name, value)
    return parsed.href
  } catch {
    return `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`
  }
}

function connectionError(event: Event, fatal: boolean): SSEError {
  // The `eventsource` package reports the HTTP status and a message; browsers tell nothing.
  const { code, message } = event as Event & { code?: unknown; message?: unknown }
  const status = typeof code === 'number' ? code : undefined
  const reason =
    typeof message === 'string' && message
      ? message
      : fatal
        ? 'the server refused the stream (HTTP error or wrong Content-Type)'
        : 'the stream was interrupted'
  return new SSEError('connection', `EventSource failed: ${reason}`, {
    cause: event,
    ...(status === undefined ? {} : { status }),
  })
}

/**
 * One transport for one stream key: a single EventSource, one native listener
 * per event type, decode once per event, ref-counted with a deferred close,
 * and the one reconnect timer.
 */
export function createConnection(
  url: string,
  options: ResolvedStreamOptions,
  onDispose: () => void,
): Connection {
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
  let paused = false
  let disposed = false
  let watchingPage = false

  const update = (patch: Partial<ConnectionSnapshot>) => {
    snapshot = { ...snapshot, ...patch }
    for (const listener of stateListeners) listener()
  }

  const onOpen = (event: Event) => {
    if (isMessage(event)) return // a server-sent `event: open` is data, not state
    openedAt = Date.now()
    heardSinceOpen = false
    hasOpened = true
    retries = 0
    update({ status: 'open', readyState: OPEN, error: null })
  }

  const onError = (event: Event) => {
    if (isMessage(event) || !source) return // a server-sent `event: error` is data, not state
    if (source.readyState === CLOSED) {
      const error = connectionError(event, true)
      detach()
      if (error.status === 204) return stop(error, 'closed') // 204 No Content means "do not reconnect"
      return retryLater(error, retries++)
    }
    // readyState CONNECTING: the browser retries by itself. Keep its instance (and its
    // Last-Event-ID) unless the server keeps answering and hanging up at once.
    if (openedAt) {
      flaps = heardSinceOpen || Date.now() - openedAt >= HEALTHY_AFTER_MS ? 0 : flaps + 1
      openedAt = 0
    }
    const error = connectionError(event, false)
    if (flaps >= FLAP_LIMIT) {
      detach()
      return retryLater(error, flaps - FLAP_LIMIT)
    }
    update({ status: 'reconnecting', readyState: CONNECTING, error })
  }

  const dispatch = (type: string, channel: Channel, event: Event) => {
    if (!isMessage(event)) return // the browser's own `error` Event is never a payload
    heardSinceOpen = true
    flaps = 0
    if (event.lastEventId !== snapshot.lastEventId) update({ lastEventId: event.lastEventId })
    const { data } = event
    const limit = options.maxMessageBytes
    if (data.length > limit / 3 && utf8Length(data) > limit) {
      const error = new SSEError('size', `Event "${type}" is larger than maxMessageBytes (${limit})`, {
        eventType: type,
        lastEventId: event.lastEventId,
      })
      for (const subscriber of channel.subscribers) report(subscriber, error)
      return
    }
    const decode = createDecodeCache(event, type)
    for (const subscriber of channel.subscribers) {
      if (subscriber.active) deliver(subscriber, decode(subscriber.parse, subscriber.schema), event)
    }
  }

  const deliver = (subscriber: ActiveSubscriber, result: MaybeAsync<Decoded>, event: MessageEvent<string>) => {
    if (!isPromise(result) && !subscriber.queue) return settle(subscriber, result, event)
    const queued: Promise<unknown> = (subscriber.queue ?? Promise.resolve())
      .then(() => result)
      .then((decoded) => {
        if (subscriber.queue === queued) subscriber.queue = undefined
        if (subscriber.active) settle(subscriber, decoded, event)
      })
    subscriber.queue = queued
  }

  const settle = (subscriber: ActiveSubscriber, result: Decoded, event: MessageEvent<string>) => {
    if ('error' in result) return report(subscriber, result.error)
    try {
      subscriber.listener(result.value, event)
    } catch (cause) {
      report(
        subscriber,
        new SSEError('listener', `A listener for event "${event.type}" threw`, {
          eventType: event.type,
          lastEventId: event.lastEventId,
          cause,
        }),
      )
    }
  }

  const report = (subscriber: Subscriber, error: SSEError) => {
    try {
      if (subscriber.onError) return subscriber.onError(error)
    } catch (cause) {
      error = new SSEError('listener', 'An onError callback threw', { cause })
    }
    console.error(error)
  }

  const open = () => {
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as EventSourceConstructor | undefined)
    if (!EventSourceImpl) {
      return stop(new SSEError('connection', 'No EventSource in this environment: pass one with the EventSource option'))
    }
    const id = snapshot.lastEventId
    const target = id && options.lastEventIdParam ? withParam(url, options.lastEventIdParam, id) : url
    let next: EventSourceLike
    try {
      next = new EventSourceImpl(target, { withCredentials: options.withCredentials })
    } catch (cause) {
      return stop(new SSEError('connection', `Could not open an EventSource for ${url}`, { cause }))
    }
    source = next
    next.addEventListener('open', onOpen)
    next.addEventListener('error', onError)
    for (const [type, channel] of channels) next.addEventListener(type, channel.listener)
    watchPage(true)
    update({ status: hasOpened || retries ? 'reconnecting' : 'connecting', readyState: CONNECTING })
  }

  const detach = () => {
    const current = source
    if (!current) return
    source = undefined
    openedAt = 0
    current.removeEventListener('open', onOpen)
    current.removeEventListener('error', onError)
    for (const [type, channel] of channels) current.removeEventListener(type, channel.listener)
    current.close()
  }

  const clearRetry = () => {
    if (retryTimer !== undefined) globalThis.clearTimeout(retryTimer)
    retryTimer = undefined
  }

  const stop = (error: SSEError | null, reason: 'closed' | 'gave-up' = 'closed') => {
    stopped = reason
    clearRetry()
    detach()
    update({ status: 'closed', readyState: CLOSED, error })
  }

  const retryLater = (error: SSEError, attempt: number) => {
    const policy = options.reconnect
    if (!policy || attempt >= policy.maxRetries) return stop(error, 'gave-up')
    clearRetry()
    retryTimer = globalThis.setTimeout(() => {
      retryTimer = undefined
      open()
    }, backoffDelay(attempt, policy))
    update({ status: 'reconnecting', readyState: CLOSED, error })
  }

  const canOpen = () => !source && !stopped && !paused && !disposed && retryTimer === undefined

  const resume = () => {
    if (refs === 0 || !canOpen()) return
    // A stream first wanted (or back online) while the page is hidden waits for it to be visible.
    if (options.pauseWhenHidden && globalThis.document?.visibilityState === 'hidden') {
      paused = true
      watchPage(true)
      return update({ status: 'closed', readyState: CLOSED, error: null })
    }
    open()
  }

  const onOffline = () => {
    if (!source && retryTimer === undefined) return
    clearRetry()
    detach()
    update({
      status: 'reconnecting',
      readyState: CLOSED,
      error: new SSEError('connection', 'The browser went offline'),
    })
  }

  const onOnline = () => {
    if (stopped === 'gave-up') stopped = false
    clearRetry()
    retries = 0
    flaps = 0
    resume()
  }

  const onVisibility = () => {
    if (!globalThis.document) return
    paused = globalThis.document.visibilityState === 'hidden'
    if (!paused) return resume()
    if (!source && retryTimer === undefined) return
    clearRetry()
    detach()
    update({ status: 'closed', readyState: CLOSED })
  }

  const watchPage = (on: boolean) => {
    if (on === watchingPage || typeof window === 'undefined') return
    watchingPage = on
    const method = on ? 'addEventListener' : 'removeEventListener'
    window[method]('online', onOnline)
    window[method]('offline', onOffline)
    if (options.pauseWhenHidden) globalThis.document?.[method]('visibilitychange', onVisibility)
  }

  const dispose = () => {
    closeTimer = undefined
    disposed = true
    clearRetry()
    detach()
    watchPage(false)
    onDispose()
  }

  const retain = (): Unsubscribe => {
    refs++
    if (closeTimer !== undefined) globalThis.clearTimeout(closeTimer)
    closeTimer = undefined
    resume()
    let released = false
    return () => {
      if (released) return
      released = true
      if (--refs > 0) return
      // Unmounting cancels a pending retry; the grace period lets StrictMode and route changes reuse the stream.
      clearRetry()
      closeTimer = globalThis.setTimeout(dispose, options.closeDelay)
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

    subscribe(type, subscriber) {
      let channel = channels.get(type)
      if (!channel) {
        const created: Channel = {
          subscribers: new Set(),
          listener: (event) => dispatch(type, created, event),
        }
        channels.set(type, (channel = created))
        source?.addEventListener(type, created.listener)
      }
      const active: ActiveSubscriber = { ...subscriber, active: true, queue: undefined }
      const owner = channel
      owner.subscribers.add(active)
      const release = retain()
      return () => {
        if (!active.active) return
        active.active = false
        owner.subscribers.delete(active)
        if (owner.subscribers.size === 0 && channels.get(type) === owner) {
          channels.delete(type)
          source?.removeEventListener(type, owner.listener)
        }
        release()
      }
    },

    close() {
      stop(null, 'closed')
    },

    reconnect() {
      stopped = false
      paused = false
      retries = 0
      flaps = 0
      clearRetry()
      detach()
      resume()
    },

    subscriberCount() {
      let count = stateListeners.size
      for (const channel of channels.values()) count += channel.subscribers.size
      return count
    },
  }
}
