import { SSEError } from '../core/errors'
import type { FrameScheduler } from '../core/schedule'
import type { SSEMessage } from '../core/transport'
import type { Unsubscribe } from '../core/types'
import type { FetchBody } from './options'
import { requestEvents } from './request-events'
import type { SSERequestOptions } from './request-options'
import { inspectRequest, type SSERequestInspection } from './request-inspect'
import type { SSERequestStatus } from '../core/inspect'

export type { SSERequestStatus }

/**
 * A request's state. A new object on every change, so it can be compared by identity.
 *
 * @example
 * const { status, data, error } = reply.getSnapshot()
 * if (status === 'error' && error?.status === 401) signIn()
 */
export interface SSERequestState<TData> {
  readonly status: SSERequestStatus
  /** The value reduced so far: `initial` until an event arrives, kept after an error or an abort. */
  readonly data: TData
  /** What ended the request, or the latest bad event; `null` until then, and again on `start()`. */
  readonly error: SSEError | null
  /** The id of the last event reduced (`''` if none). */
  readonly lastEventId: string
}

/**
 * How events fold into `data`, and who hears each one, beside the request's own options.
 *
 * @example
 * createSSERequest<Progress, Progress[]>('/api/jobs/42', {
 *   method: 'GET',
 *   reduce: (steps, step) => [...steps, step],
 *   initial: [],
 *   onEvent: (step) => console.debug(step.percent),
 * })
 */
export interface SSERequestStoreOptions<TChunk, TData> extends SSERequestOptions<TChunk> {
  /** Folds each event's payload into `data`, in order. Default: keep the latest payload. */
  readonly reduce?: ((data: TData, chunk: TChunk, event: SSEMessage) => TData) | undefined
  /** `data` before the first event of each `start()`. */
  readonly initial?: TData | undefined
  /** Called for every event, in order, after `reduce`, even when renders are batched per frame. */
  readonly onEvent?: ((chunk: TChunk, event: SSEMessage) => void) | undefined
  /** Called with every error: a bad event, or what ended the request. Never with an abort. */
  readonly onError?: ((error: SSEError) => void) | undefined
  /** A client whose inspectors (the devtools) see each run and its events. `useSSERequest`: its provider's. Read once. */
  readonly client?: SSERequestInspection | undefined
}

/** A request as a store: `useSyncExternalStore`, Zustand or a Vue ref can follow it. */
export interface SSERequest<TChunk, TData> {
  getSnapshot(): SSERequestState<TData>
  subscribe(onChange: () => void): Unsubscribe
  /**
   * Sends the request with `body` (or the options' body), aborting one still running; `data`
   * restarts from `initial`. Resolves with the final `data`, also after an error or an abort: it never rejects.
   */
  start(body?: FetchBody): Promise<TData>
  /** Aborts a running request: `status` becomes `'aborted'`, `data` keeps what was reduced, nothing arrives after. */
  abort(): void
  /** New url and options, read at the next `start()` (handlers at the next event). */
  setOptions(url: string, options: SSERequestStoreOptions<TChunk, TData>): void
}

const keepLatest = <TData>(_: TData, chunk: unknown) => chunk as TData

/**
 * One request whose response is an event stream, as a store over `requestEvents`: `start`,
 * `abort`, and a state of `status`, reduced `data`, `error` and `lastEventId`. With `schedule`,
 * subscribers hear of new data at most once per frame; status changes are heard at once.
 *
 * @example
 * import { createSSERequest } from 'sse-hooks/fetch'
 *
 * const reply = createSSERequest<Chunk, string>('/api/chat', { reduce: (text, chunk) => text + chunk.delta, initial: '' })
 * reply.subscribe(() => render(reply.getSnapshot().data))
 * await reply.start({ messages })
 */
export function createSSERequest<TChunk = unknown, TData = TChunk | undefined>(
  url: string,
  options: SSERequestStoreOptions<TChunk, TData> = {},
  schedule?: FrameScheduler,
): SSERequest<TChunk, TData> {
  let current = { url, options }
  let state: SSERequestState<TData> = { status: 'idle', data: options.initial as TData, error: null, lastEventId: '' }
  let next = state
  let controller: AbortController | undefined
  const listeners = new Set<() => void>()
  const probe = inspectRequest(options.client)
  const publish = () => {
    if (state === next) return
    state = next
    for (const listener of listeners) listener()
  }
  const update = (patch: Partial<SSERequestState<TData>>, now = !schedule) => {
    next = { ...next, ...patch }
    if (patch.status) probe.status(current.url, current.options.method, next)
    if (now) publish()
    else schedule?.(publish)
  }

  const run = async (signal: AbortSignal, body: FetchBody | undefined): Promise<TData> => {
    const { url, options } = current
    let data = options.initial as TData
    const fail = (error: SSEError, patch: Partial<SSERequestState<TData>>) => {
      if (signal.aborted) return
      update({ ...patch, error }, true)
      try {
        current.options.onError?.(error)
      } catch (cause) {
        console.error(cause) // start() never rejects, whatever a handler does
      }
    }
    try {
      const request = { ...options, signal, onError: (error: SSEError) => fail(error, {}) }
      for await (const { data: chunk, event } of requestEvents<TChunk>(url, body === undefined ? request : { ...request, body })) {
        data = (current.options.reduce ?? keepLatest)(data, chunk, event)
        probe.event(event)
        update({ data, lastEventId: event.lastEventId })
        current.options.onEvent?.(chunk, event)
      }
      if (!signal.aborted) update({ status: 'done' }, true)
    } catch (cause) {
      const error = cause instanceof SSEError ? cause : new SSEError('listener', `reduce or onEvent threw: ${String(cause)}`, { cause })
      fail(error, { status: 'error' })
    }
    return data
  }

  return {
    getSnapshot: () => state,
    subscribe(onChange) {
      listeners.add(onChange)
      return () => void listeners.delete(onChange)
    },
    start(body) {
      const previous = controller
      controller = new AbortController()
      previous?.abort()
      update({ status: 'streaming', data: current.options.initial as TData, error: null, lastEventId: '' }, true)
      return run(controller.signal, body)
    },
    abort() {
      controller?.abort()
      if (next.status === 'streaming') update({ status: 'aborted' }, true)
    },
    setOptions(url, options) {
      current = { url, options }
    },
  }
}
