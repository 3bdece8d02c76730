import { SSEError } from '../core/errors'
import type { SSEMessage } from '../core/transport'
import type { FetchHeadersReason } from './options'
import { readEvents, type ReadSink, type ResumeState } from './read'
import type { SSERequestOptions } from './request-options'
import { send } from './send'
import { noop } from '../core/noop'

/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    const stop = () => {
      clearTimeout(timer)
      resolve()
    }
    signal.addEventListener('abort', stop, { once: true })
  })

const endsWith = ({ done = '[DONE]' }: SSERequestOptions): ((event: SSEMessage) => boolean) =>
  typeof done === 'function' ? done : (event) => done !== false && event.data === done

/**
 * Sends one request and hands each event of its response to `onMessage`, in order, until the server
 * ends the response or the `done` data arrives (then the request is closed). Resolves then, or
 * quietly once `signal` aborts; rejects with an `SSEError` (with the HTTP status where there is
 * one) when the request fails or the response breaks off and `resume` does not cover it.
 */
export async function readRequest(
  url: string,
  options: SSERequestOptions,
  signal: AbortSignal,
  onMessage: (message: SSEMessage) => void,
): Promise<void> {
  const isDone = endsWith(options)
  const sendOptions = { ...options, method: options.method ?? 'POST' }
  const state: ResumeState = { lastEventId: '', retry: 1000 }
  const own = new AbortController()
  const stop = () => own.abort()
  signal.addEventListener('abort', stop, { once: true })
  if (signal.aborted) stop()
  let finished = false
  const sink: ReadSink = {
    id: noop,
    comment: noop,
    retry: noop,
    event(message) {
      if (finished) return
      if (!isDone(message)) return onMessage(message)
      finished = true
      own.abort()
    },
  }
  let resumes = options.resume ?? 0
  let reason: FetchHeadersReason = 'connect'
  try {
    for (;;) {
      const target = { url, lastEventId: state.lastEventId, withCredentials: false, signal: own.signal }
      const response = await send(sendOptions, target, reason)
      if ('fatal' in response) {
        const { message = 'Request failed', status, cause } = response
        throw new SSEError('connection', message, { status, cause })
      }
      try {
        return await readEvents(response.body, sink, state, options.maxBufferSize, noop, own.signal)
      } catch (cause) {
        if (finished || own.signal.aborted) return
        if ((cause as { type?: unknown }).type === 'max-buffer-size-exceeded') {
          throw new SSEError('size', 'Event over maxBufferSize', { cause })
        }
        if (resumes-- <= 0 || !state.lastEventId) {
          throw new SSEError('connection', 'Stream broke off; a request is re-sent only with resume and an event id', { cause })
        }
      }
      await pause(state.retry, own.signal)
      reason = 'reconnect'
    }
  } catch (error) {
    if (finished || own.signal.aborted) return
    throw error instanceof SSEError ? error : new SSEError('connection', 'Request failed', { cause: error })
  } finally {
    own.abort()
    signal.removeEventListener('abort', stop)
  }
}
