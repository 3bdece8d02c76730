'use client'
import { useCallback, useInsertionEffect, useMemo, useSyncExternalStore } from 'react'
import { createEventStore, emptyEventState, type SSEEventState } from '../core/event-store'
import type { DecodeOptions, SSEEventData, SSEEventType, SSEListener, SSEOptions } from '../core/types'
import { scheduleOf } from './schedule'
import { useStream } from './useStream'
import { noop } from '../core/noop'

export interface UseSSEEventOptions<TData = unknown> extends SSEOptions, DecodeOptions<TData> {
  /** The stream to listen to. Default: the provider's `url`. */
  url?: string | undefined
  /** `false` unsubscribes (and lets the stream close if nobody else listens). Default `true`. */
  enabled?: boolean | undefined
}

/** The default of the ad-hoc form's type argument: a misspelt name must not silently become `unknown`. */
interface MissingTypeArgument {
  readonly 'sse-hooks': 'name the payload type, as in useSSEEvent<Ping>(type), or declare the event in SSEEventMap'
}
type RequiresTypeArgument<TData, T> = [TData] extends [MissingTypeArgument] ? never : T

const serverSnapshot = () => emptyEventState

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
  const stream = useStream(options.url, options)
  const { enabled = true, schema, parse, onError } = options
  const hasListener = !!listener

  // parse, schema, listener and onError are read at each event, so inline ones never resubscribe;
  // the first ones decode the latest event the stream already has.
  const store = useMemo(
    () => createEventStore(stream, type, { listener, parse, schema }, { schedule: hasListener ? undefined : scheduleOf(stream), enabled }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stream, type, hasListener],
  )
  // Before any layout effect of the component, so its first event already finds the newest handlers.
  useInsertionEffect(() => store.setHandlers({ listener, onError, parse, schema }), [store, listener, onError, parse, schema])
  const subscribe = useCallback((onChange: () => void) => (enabled ? store.subscribe(onChange) : noop), [store, enabled])

  const state = useSyncExternalStore(subscribe, store.getSnapshot, serverSnapshot)
  return hasListener ? undefined : state
}
