'use client'
import { useCallback, useInsertionEffect, useMemo, useSyncExternalStore } from 'react'
import type { SSEError } from '../core/errors'
import type {
  DecodeOptions,
  SSEEventData,
  SSEEventType,
  SSEListener,
  StreamOptions,
  SubscribeOptions,
  Unsubscribe,
} from '../core/types'
import type { HookDefaults } from './context'
import type { FrameScheduler } from './frameScheduler'
import { useStream } from './useStream'

export interface UseSSEEventOptions<TData = unknown> extends HookDefaults, DecodeOptions<TData> {
  /** The stream to listen to. Default: the provider's `url`. */
  url?: string | undefined
  /** `false` unsubscribes (and lets the stream close if nobody else listens). Default `true`. */
  enabled?: boolean | undefined
}

export interface SSEEventState<TData> {
  /** The latest valid payload; kept when a later event fails to decode. */
  readonly data: TData | undefined
  /** The error of the latest event, or `null` once a valid one arrives. */
  readonly error: SSEError | null
  /** The id of the event `data` came from. */
  readonly lastEventId: string | undefined
}

/** The default of the ad-hoc form's type argument: a misspelt name must not silently become `unknown`. */
interface MissingTypeArgument {
  readonly 'sse-hooks': 'name the payload type, as in useSSEEvent<Ping>(type), or declare the event in SSEEventMap'
}
type RequiresTypeArgument<TData, T> = [TData] extends [MissingTypeArgument] ? never : T

const emptyState: SSEEventState<never> = Object.freeze({ data: undefined, error: null, lastEventId: undefined })
const noop = () => {}

/** The ad-hoc form: name the payload type yourself, as in `useSSEEvent<Ping>('ping')`. */
export function useSSEEvent<TData = MissingTypeArgument>(
  type: RequiresTypeArgument<TData, string>,
  options?: UseSSEEventOptions<NoInfer<TData>>,
): SSEEventState<TData>
export function useSSEEvent<TData = MissingTypeArgument>(
  type: RequiresTypeArgument<TData, string>,
  listener: SSEListener<NoInfer<TData>>,
  options?: UseSSEEventOptions<NoInfer<TData>>,
): void
/**
 * The latest payload of one event type, decoded (JSON by default) and, with a
 * `schema`, validated. Re-renders when an event of that type arrives.
 *
 * @example
 * const { data, error } = useSSEEvent('ping') // typed from SSEEventMap
 * const { data } = useSSEEvent<Ping>('ping')   // or ad hoc
 */
export function useSSEEvent<TType extends SSEEventType, TData extends SSEEventData<TType> = SSEEventData<TType>>(
  type: TType,
  options?: UseSSEEventOptions<TData>,
): SSEEventState<TData>
/**
 * Calls `listener` for every event of one type, in order, without re-rendering.
 * The newest listener is always the one called; a new function each render is fine.
 *
 * @example
 * useSSEEvent('usermessage', (message) => setMessages((all) => [...all, message]))
 */
export function useSSEEvent<TType extends SSEEventType, TData extends SSEEventData<TType> = SSEEventData<TType>>(
  type: TType,
  listener: SSEListener<TData>,
  options?: UseSSEEventOptions<TData>,
): void
export function useSSEEvent(
  type: string,
  listenerOrOptions?: SSEListener | UseSSEEventOptions,
  maybeOptions?: UseSSEEventOptions,
): SSEEventState<unknown> | void {
  const listener = typeof listenerOrOptions === 'function' ? listenerOrOptions : undefined
  const options = (listener ? maybeOptions : (listenerOrOptions as UseSSEEventOptions | undefined)) ?? {}
  const { client, url, options: streamOptions, key, scheduleFrame } = useStream(options.url, options)
  const schedule = streamOptions.batch === 'frame' ? scheduleFrame : undefined
  const { enabled = true, schema, parse, onError } = options
  const hasListener = !!listener

  // `key` stands for the URL and the transport options by value, so an inline options object never
  // resubscribes; parse, schema, listener and onError are read at each event, so inline ones are fine too.
  const store = useMemo(
    () => createEventStore(client as UntypedClient, url, type, streamOptions, hasListener, schedule),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key, type, hasListener, schedule],
  )
  // Before any layout effect of the component, so its first event already finds the newest handlers.
  useInsertionEffect(() => store.setHandlers({ listener, onError, parse, schema }))
  const subscribe = useCallback((onChange: () => void) => (enabled ? store.subscribe(onChange) : noop), [store, enabled])

  const state = useSyncExternalStore(subscribe, store.getSnapshot, () => emptyState)
  return hasListener ? undefined : state
}

/** The hook's overloads did the typing; inside, the event map no longer applies. */
type UntypedClient = { subscribe(url: string, type: string, listener: SSEListener, options: SubscribeOptions): Unsubscribe }

interface Handlers extends DecodeOptions {
  listener?: SSEListener | undefined
}

/**
 * One hook's subscription, shaped for useSyncExternalStore: it lives exactly as long as React's.
 * Its state outlives `enabled` toggles, like a query cache entry.
 */
function createEventStore(
  client: UntypedClient,
  url: string,
  type: string,
  options: StreamOptions,
  hasListener: boolean,
  schedule: FrameScheduler | undefined,
) {
  let state: SSEEventState<unknown> = emptyState
  /** With `batch: 'frame'`, what React reads moves once per frame: the newest value wins. */
  let next = state
  let handlers: Handlers = {}
  /** React's callback while subscribed. */
  let notify: (() => void) | undefined
  const publish = () => {
    state = next
    notify?.()
  }
  // The scheduler keeps a set, so a burst schedules `publish` once per frame.
  const update = (value: SSEEventState<unknown>) => {
    next = value
    if (schedule) schedule(publish)
    else publish()
  }
  const decoding: SubscribeOptions = {
    ...options,
    // Read at each event, so an inline parse or schema never resubscribes.
    get parse() {
      return handlers.parse
    },
    get schema() {
      return handlers.schema
    },
    onError(error) {
      if (!hasListener) update({ ...next, error })
      if (handlers.onError) handlers.onError(error)
      else if (hasListener) console.error(error) // nowhere else to see it
    },
  }
  return {
    setHandlers: (latest: Handlers) => {
      handlers = latest
    },
    getSnapshot: () => state,
    subscribe(onChange: () => void) {
      notify = onChange
      const unsubscribe = client.subscribe(
        url,
        type,
        (data, event) =>
          hasListener ? handlers.listener?.(data, event) : update({ data, error: null, lastEventId: event.lastEventId }),
        decoding,
      )
      return () => {
        notify = undefined
        state = next // a value that arrived in the last frame is kept, not lost
        unsubscribe()
      }
    },
  }
}
