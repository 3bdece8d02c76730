import type { TransportConnection, TransportRequest, TransportSink } from '../core/transport'
import type { FetchHeadersReason, FetchTransportOptions } from './options'
import { readEvents, type ResumeState } from './read'
import { methodOf } from './request'
import { fetchOf, send } from './send'
import type { FetchTransport } from './transport-options'
import { MAX_TIMER_MS, setTimer } from '../core/timer'
import { noop } from '../core/noop'

/** The reconnection delay before the server sends `retry:`, as Chromium's EventSource. */
export const DEFAULT_RETRY_MS = 3000

/**
 * One connection of a fetch transport: requests, reads, and after a dropped stream requests again
 * after the server's `retry:` delay (with `Last-Event-ID`), until `close()`. It retries nothing
 * else by itself but one 401: an HTTP error or a network failure is reported as fatal and the
 * stream's own backoff decides when to open anew.
 */
export function openFetchConnection(given: FetchTransportOptions, request: TransportRequest, target: TransportSink): TransportConnection {
  /** The newest options of this transport's key: each request calls their `headers` and `body`. */
  let options = given
  // Looked up now, not at import: polyfills and test stubs installed later still count.
  fetchOf(options)
  const method = methodOf(options)
  const resend = options.resendAfterDrop ?? method === 'GET'
  const silence = options.heartbeatTimeout ?? 0
  const state: ResumeState = { lastEventId: request.lastEventId, retry: DEFAULT_RETRY_MS }
  let closed = false
  let controller: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  // Silent once closed, whatever is still in flight.
  const sink = new Proxy(target, { get: (sink, name) => (closed ? noop : Reflect.get(sink, name)) })

  const attempt = async (reason: FetchHeadersReason): Promise<void> => {
    const abort = (controller = new AbortController())
    let heartbeat: ReturnType<typeof setTimeout> | undefined
    /** Once open: how the stream ended, if it does. */
    let ended: string | undefined
    let cause: unknown
    const onBytes = () => {
      clearTimeout(heartbeat)
      if (silence <= 0) return
      heartbeat = setTimer(() => {
        // An open stream gone quiet is a drop (reconnect by ourselves); no answer at all is a failed request.
        if (ended) ended = `No data for ${silence} ms`
        abort.abort()
      }, silence)
    }
    // Armed before the request too: a server that accepts and never answers is as dead as a silent one.
    onBytes()
    try {
      const { url, withCredentials } = request
      const response = await send(options, { url, withCredentials, lastEventId: state.lastEventId, signal: abort.signal }, reason)
      if ('fatal' in response) return sink.error(response)
      sink.open()
      ended = 'Stream broke'
      onBytes()
      await readEvents(response.body, sink, state, options.maxBufferSize, onBytes, abort.signal)
      ended = 'Stream ended'
    } catch (error) {
      if (closed) return
      // Anything may arrive here, `undefined` included: what a `headers` or `body` function rejected with.
      if ((error as { type?: unknown } | undefined)?.type === 'max-buffer-size-exceeded') {
        abort.abort()
        // As for any drop: a request that must not be re-sent stops here.
        return sink.error({ fatal: true, final: !resend, kind: 'size', message: 'Event over maxBufferSize', cause: error })
      }
      if (!ended) return sink.error({ fatal: true, message: 'Request failed', cause: error })
      cause = error
    } finally {
      clearTimeout(heartbeat)
    }
    if (!resend)
      return sink.error({ fatal: true, final: true, message: `${ended}; ${method} is not re-sent without resendAfterDrop`, cause })
    sink.error({ fatal: false, message: ended, cause })
    // A little jitter, never below the server's delay, so clients dropped together do not return together.
    if (!closed) timer = setTimer(() => void attempt('reconnect'), Math.min(MAX_TIMER_MS, state.retry * (1 + Math.random() / 5)))
  }

  void attempt('connect')
  return {
    close() {
      closed = true
      clearTimeout(timer)
      controller?.abort()
    },
    update(transport) {
      // The same key: another object made by fetchTransport, whose options are the newest.
      options = (transport as Partial<FetchTransport>).options ?? options
    },
  }
}
