'use client'
import { useCallback, useContext, useEffect, useInsertionEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { createFrameScheduler } from '../core/schedule'
import { SSEContext } from '../react/context'
import type { SSEMessage } from '../core/transport'
import type { FetchBody } from './options'
import { createSSERequest, type SSERequestState, type SSERequestStoreOptions } from './request-store'

/**
 * Options of `useSSERequest`: the request's, `reduce`/`initial`, `onEvent` and `onError`.
 *
 * @example
 * const options: UseSSERequestOptions<Chunk, string> = { reduce: (text, chunk) => text + chunk.delta, initial: '', done: 'END' }
 */
export type UseSSERequestOptions<TChunk = unknown, TData = TChunk | undefined> = SSERequestStoreOptions<TChunk, TData>

/** What `useSSERequest` returns: the request's state, and `start`/`abort` (stable across renders). */
export interface UseSSERequestResult<TData> extends SSERequestState<TData> {
  /** Sends the request (aborting a running one); `data` restarts from `initial`. Resolves with the final `data`; never rejects. */
  readonly start: (body?: FetchBody) => Promise<TData>
  /** Aborts the running request; `data` keeps what was reduced. */
  readonly abort: () => void
}

/** With `reduce`: `initial` is required and `data` is always a `TData`. */
export function useSSERequest<TChunk = unknown, TData = unknown>(
  url: string,
  options: UseSSERequestOptions<TChunk, TData> & {
    readonly reduce: (data: TData, chunk: TChunk, event: SSEMessage) => TData
    readonly initial: TData
  },
): UseSSERequestResult<TData>
/**
 * One request whose response is an event stream, started by the component: an LLM's tokens, the
 * progress of a job. `start(body)` POSTs `body` as JSON (aborting a request still running), each
 * event is decoded (JSON by default, `schema` to validate) and folded by `reduce` into `data`;
 * `[DONE]` or the end of the response ends it. Renders at most once per animation frame however
 * fast events come (`onEvent` hears each one). Unmounting aborts it. Not shared, never re-sent by
 * itself. Without `reduce`, `data` is the latest payload.
 *
 * @example
 * const reply = useSSERequest<Chunk, string>('/api/chat', {
 *   reduce: (text, chunk) => text + (chunk.choices[0]?.delta.content ?? ''),
 *   initial: '',
 * })
 * <button onClick={() => reply.start({ messages })}>Ask</button>
 * <button onClick={reply.abort} disabled={reply.status !== 'streaming'}>Stop</button>
 * <p>{reply.data}</p>
 */
export function useSSERequest<TChunk = unknown>(
  url: string,
  options?: UseSSERequestOptions<TChunk, TChunk | undefined>,
): UseSSERequestResult<TChunk | undefined>
export function useSSERequest(url: string, options: UseSSERequestOptions = {}): UseSSERequestResult<unknown> {
  // Under a provider, its client's inspectors (the devtools) see the runs.
  const client = useContext(SSEContext)?.client
  const [request] = useState(() => createSSERequest(url, { client, ...options }, createFrameScheduler()))
  // Before any effect of the component, so a start() from an effect already sends the newest options.
  useInsertionEffect(() => request.setOptions(url, options))
  const mounted = useRef(false)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      request.abort()
    }
  }, [request])
  // A start() after unmount (an async click handler finishing late) would run with nobody to abort it.
  const start = useCallback(
    (body?: FetchBody) => (mounted.current ? request.start(body) : Promise.resolve(request.getSnapshot().data)),
    [request],
  )
  const state = useSyncExternalStore(request.subscribe, request.getSnapshot, request.getSnapshot)
  return useMemo(() => ({ ...state, start, abort: request.abort }), [state, start, request])
}
