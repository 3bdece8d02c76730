import type { TransportConnection, TransportRequest, TransportSink } from '../core/transport'
import type { FetchHeadersReason, FetchTransportOptions } from './options'
import { readEvents, type StreamState } from './read'
import { methodOf, requestInit } from './request'
import { responseFailure } from './response'

/** The reconnection delay before the server sends `retry:`, as Chromium's EventSource. */
export const DEFAULT_RETRY_MS = 3000

/** The sink, silenced once the connection is closed. */
const guard = (sink: TransportSink, isClosed: () => boolean): TransportSink => ({
  open: () => isClosed() || sink.open(),
  event: (message) => isClosed() || sink.event(message),
  id: (id) => isClosed() || sink.id(id),
  comment: (text) => isClosed() || sink.comment(text),
  retry: (ms) => isClosed() || sink.retry(ms),
  error: (failure) => isClosed() || sink.error(failure),
})

/**
 * One connection of a fetch transport: requests, reads, and after a dropped stream requests again
 * after the server's `retry:` delay (with `Last-Event-ID`), until `close()`. It retries nothing
 * else by itself but one 401: an HTTP error or a network failure is reported as fatal and the
 * stream's own backoff decides when to open anew.
 */
export function openFetchConnection(
  options: FetchTransportOptions,
  request: TransportRequest,
  target: TransportSink,
): TransportConnection {
  // Looked up now, not at import: polyfills and test stubs installed later still count.
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') throw new TypeError('sse-hooks/fetch: no global fetch here; pass the fetch option')
  const method = methodOf(options)
  const resend = options.resendAfterDrop ?? method === 'GET'
  const state: StreamState = { lastEventId: request.lastEventId, retry: DEFAULT_RETRY_MS }
  let closed = false
  let controller: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const sink = guard(target, () => closed)

  const dropped = (message: string, cause?: unknown) => {
    if (!resend) {
      sink.error({ fatal: true, final: true, message: `${message}; a ${method} request is not re-sent unless resendAfterDrop is set`, cause })
      return
    }
    sink.error({ fatal: false, message: `${message}; reconnecting`, cause })
    if (closed) return
    // A little jitter, never below the server's delay, so clients dropped together do not return together.
    timer = setTimeout(() => void attempt('reconnect'), state.retry * (1 + Math.random() / 5))
  }

  const attempt = async (reason: FetchHeadersReason): Promise<void> => {
    const abort = (controller = new AbortController())
    let opened = false
    let stalled = false
    let heartbeat: ReturnType<typeof setTimeout> | undefined
    const silence = options.heartbeatTimeout ?? 0
    const onBytes = () => {
      clearTimeout(heartbeat)
      if (silence > 0) heartbeat = setTimeout(() => ((stalled = true), abort.abort()), silence)
    }
    try {
      const init = await requestInit(options, reason, state.lastEventId, request.withCredentials)
      if (closed) return
      const response = await fetchImpl.call(globalThis, request.url, { ...init, signal: abort.signal })
      const failure = responseFailure(response)
      if (failure) {
        void response.body?.cancel().catch(() => undefined)
        if (failure.status === 401 && reason !== 'unauthorized') return void (closed || attempt('unauthorized'))
        return void sink.error(failure)
      }
      opened = true
      sink.open()
      onBytes()
      const overflow = await readEvents(response.body, sink, state, options.maxBufferSize, onBytes)
      if (!overflow) return dropped('The server ended the stream')
      abort.abort()
      sink.error({ fatal: true, kind: 'size', message: `An event grew past maxBufferSize (${options.maxBufferSize})`, cause: overflow })
    } catch (error) {
      if (closed) return
      if (stalled) dropped(`No data for ${silence} ms`)
      else if (opened) dropped('The stream broke', error)
      else sink.error({ fatal: true, message: 'The request failed before a response', cause: error })
    } finally {
      clearTimeout(heartbeat)
    }
  }

  void attempt('connect')
  return {
    close() {
      closed = true
      clearTimeout(timer)
      controller?.abort()
    },
  }
}
