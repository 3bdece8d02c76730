'use client'
import { useCallback, useInsertionEffect, useMemo, useSyncExternalStore } from 'react'
import { createEventStore, emptyEventState, type SSEEventState } from '../core/event-store'
import type { DecodeOptions, SSEEventData, SSEEventType, SSEListener, SSEOptions } from '../core/types'
import { scheduleOf } from './schedule'
import { suspend } from './suspend'
import { useStream } from './useStream'
import { noop } from '../core/noop'

export interface UseSSEEventOptions<TData = unknown> extends SSEOptions, DecodeOptions<TData> {
  /** The stream to listen to. Default: the provider's `url`. */
  url?: string | undefined
  /** `false` unsubscribes (and lets the stream close if nobody else listens). Default `true`. */
  enabled?: boolean | undefined
  /**
   * Suspend (the nearest `<Suspense>` shows its fallback) until the type has a value, which the
   * shared latest value counts as; a stream that stops for good first, or a first event that fails
   * to decode, throws its `SSEError` to the nearest error boundary. `data` is then always there.
   * On the server it renders the fallback and opens nothing. Default `false`.
   */
  suspense?: boolean | undefined
  /** Mark `data` as `stale` from each reconnect until the next event of the type: "catching up". Default `false`. */
  staleOnReconnect?: boolean | undefined
}

/** A state-form result under `suspense: true`: the value is always there. */
export type SSEEventLoaded<TData> = SSEEventState<TData> & { readonly data: TData }

/** The default of the ad-hoc form's type argument: a misspelt name must not silently become `unknown`. */
interface MissingTypeArgument {
  readonly 'sse-hooks': 'name the payload type, as in useSSEEvent<Ping>(type), or declare the event in SSEEventMap'
}
type RequiresTypeArgument<TData, T> = [TData] extends [MissingTypeArgument] ? never : T

const serverSnapshot = () => emptyEventState

/** The ad-hoc form under `suspense: true`: `data` is always there. */
export function useSSEEvent<TData = MissingTypeArgument>(
  type: RequiresTypeArgument<TData, string>,
  options: UseSSEEventOptions<NoInfer<TData>> & { suspense: true; enabled?: true | undefined },
): SSEEventLoaded<TData>
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
 * `schema`, validated. Starts from the latest event the stream already
 * received, and re-renders when an event of that type arrives.
 *
 * @example
 * const { data, error } = useSSEEvent('ping') // typed from SSEEventMap
 * const { data } = useSSEEvent<Ping>('ping')   // or ad hoc
 * const { data: price } = useSSEEvent('price', { suspense: true }) // under <Suspense>: never undefined
 */
export function useSSEEvent<TType extends SSEEventType, TData extends SSEEventData<TType> = SSEEventData<TType>>(
  type: TType,
  options: UseSSEEventOptions<TData> & { suspense: true; enabled?: true | undefined },
): SSEEventLoaded<TData>
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
  const stream = useStream(options.url, options)
  const { enabled = true, schema, parse, onError, staleOnReconnect } = options
  const hasListener = !!listener

  // parse, schema, listener and onError are read at each event, so inline ones never resubscribe;
  // the first ones decode the latest event the stream already has.
  const store = useMemo(
    () =>
      createEventStore(
        stream,
        type,
        { listener, onError, parse, schema },
        { schedule: hasListener ? undefined : scheduleOf(stream), enabled, staleOnReconnect },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stream, type, hasListener, staleOnReconnect],
  )
  // Before any layout effect of the component, so its first event already finds the newest handlers.
  useInsertionEffect(() => store.setHandlers({ listener, onError, parse, schema }), [store, listener, onError, parse, schema])
  const subscribe = useCallback((onChange: () => void) => (enabled ? store.subscribe(onChange) : noop), [store, enabled])

  const state = useSyncExternalStore(subscribe, store.getSnapshot, serverSnapshot)
  if (hasListener) return undefined
  // No event yet (an event sets lastEventId, `''` included): nothing to show.
  if (options.suspense && enabled && state.lastEventId === undefined) {
    // A first event that failed to decode has no value to show: the error boundary shows its error.
    if (state.error) throw state.error
    suspend(stream, type, options)
  }
  return state
}
