import type { StreamHandle } from './client'
import { isPromise, type Decoded } from './decode'
import { isFailure, type SSEError } from './errors'
import { report } from './report'
import type { SSEMessage } from './transport'
import type { FrameScheduler } from './schedule'
import type { Decoding } from './fanout'
import type { DecodeOptions, SSEListener, Unsubscribe } from './types'

/** The state of one event type as one subscriber decodes it. */
export interface SSEEventState<TData> {
  /** The latest valid payload; kept when a later event fails to decode. */
  readonly data: TData | undefined
  /** The error of the latest event, or `null` once a valid one arrives. */
  readonly error: SSEError | null
  /** The id of the event `data` came from. */
  readonly lastEventId: string | undefined
  /**
   * With `staleOnReconnect`: `true` from a reconnect until the first event of this type after it,
   * while `data` may be behind what the server has; absent otherwise.
   */
  readonly stale?: true | undefined
}

export interface EventHandlers extends DecodeOptions {
  listener?: SSEListener | undefined
}

export interface EventStore {
  getSnapshot(): SSEEventState<unknown>
  /** Subscribes to the stream; `onChange` hears each new state (or, with a listener, nothing). */
  subscribe(onChange: () => void): Unsubscribe
  /** Handlers are read at each event, so new ones never resubscribe. */
  setHandlers(handlers: EventHandlers): void
}

// Pure: an app that imports the client alone drops it (a bundler cannot tell Object.freeze is).
export const emptyEventState: SSEEventState<never> = /* @__PURE__ */ Object.freeze({ data: undefined, error: null, lastEventId: undefined })

export interface EventStoreOptions {
  /** Moves what the store shows at most once per frame, to the newest state. Default: at once. */
  schedule?: FrameScheduler | undefined
  /** `false`: the store starts empty instead of from the stream's latest event. Default `true`. */
  enabled?: boolean | undefined
  /** Marks `data` as `stale` from each reconnect until the next event of the type. Default `false`. */
  staleOnReconnect?: boolean | undefined
}

/**
 * One subscriber of one event type, shaped for `useSyncExternalStore` (or any store contract):
 * its state starts from the latest event the stream already received, decoded by the shared decoder,
 * so a late subscriber shows the current value at once and agrees with the others.
 *
 * @example
 * const store = createEventStore(client.stream('/api/events'), 'ping', {})
 * const stop = store.subscribe(() => render(store.getSnapshot().data))
 */
export function createEventStore(
  handle: StreamHandle,
  type: string,
  handlers: EventHandlers,
  { schedule, enabled = true, staleOnReconnect }: EventStoreOptions = {},
): EventStore {
  const hasListener = !!handlers.listener
  let state: SSEEventState<unknown> = emptyEventState
  /** The state the next frame shows. */
  let next = state
  /** The event `next` came from. */
  let seen: SSEMessage | undefined
  let notify: (() => void) | undefined
  const publish = () => {
    state = next
    notify?.()
  }
  const update = (value: SSEEventState<unknown>) => {
    next = value
    if (schedule && notify) schedule(publish)
    else publish()
  }
  const settle = (decoded: Decoded, lastEventId: string) =>
    update(isFailure(decoded) ? { ...next, error: decoded } : { data: decoded, error: null, lastEventId })
  /** Catches up with the latest event of the type, decoded as the others decoded it. */
  const catchUp = () => {
    const latest = handle.latest(type)
    if (hasListener || !latest || latest.message === seen) return
    const { message } = latest
    seen = message
    const result = latest.decode(handlers.parse, handlers.schema)
    if (!isPromise(result)) return settle(result, message.lastEventId)
    void result.then((decoded) => {
      if (seen === message) settle(decoded, message.lastEventId)
    })
  }
  if (enabled) catchUp()
  const decoding: Decoding = {
    state: !hasListener,
    onReconnect() {
      if (staleOnReconnect && next.lastEventId !== undefined) update({ ...next, stale: true })
    },
    // Read at each event, so an inline parse or schema never resubscribes.
    get parse() {
      return handlers.parse
    },
    get schema() {
      return handlers.schema
    },
    onError(error) {
      if (!hasListener) {
        seen = handle.latest(type)?.message
        update({ ...next, error })
      }
      if (handlers.onError) handlers.onError(error)
      else if (hasListener) report(error) // nowhere else to see it
    },
  }
  const receive: SSEListener = (data, message) => {
    if (hasListener) return handlers.listener?.(data, message)
    seen = message
    update({ data, error: null, lastEventId: message.lastEventId })
  }
  return {
    getSnapshot: () => state,
    setHandlers(latest) {
      handlers = latest
    },
    subscribe(onChange) {
      notify = onChange
      const unsubscribe = handle.subscribe(type, receive, decoding)
      catchUp()
      return () => {
        notify = undefined
        state = next // a value that arrived in the last frame is kept, not lost
        unsubscribe()
      }
    },
  }
}
