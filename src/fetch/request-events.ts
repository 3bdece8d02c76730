import { createDecoder, isPromise } from '../core/decode'
import { isFailure } from '../core/errors'
import type { SSEMessage } from '../core/transport'
import type { RequestEventsOptions, SSERequestEvent } from './request-options'
import { readRequest } from './request-read'

/**
 * Sends one request (POST by default) and yields each event of its response, decoded (JSON by
 * default) and validated by `schema`, in order. The request goes out when iteration starts.
 * Iteration ends when the server ends the response or sends `[DONE]` (which is not yielded), and
 * quietly when `signal` aborts or the loop is left early: either way the request is aborted and
 * the server sees the socket close. A bad event goes to `onError` and is skipped (unless
 * `stopOnError`); a failed request throws an `SSEError` with the HTTP `status` where there is one.
 * A broken-off response is not re-sent unless `resume` says so.
 *
 * @example
 * import { requestEvents } from 'sse-hooks/fetch'
 *
 * const controller = new AbortController()
 * let text = ''
 * for await (const { data } of requestEvents<Chunk>('/api/chat', { body: { messages }, signal: controller.signal })) {
 *   text += data.choices[0]?.delta.content ?? ''
 * }
 */
export async function* requestEvents<TChunk = unknown>(
  url: string,
  options: RequestEventsOptions<TChunk> = {},
): AsyncGenerator<SSERequestEvent<TChunk>, void, undefined> {
  const { signal, parse, schema } = options
  const controller = new AbortController()
  const stop = () => controller.abort()
  signal?.addEventListener('abort', stop, { once: true })
  if (signal?.aborted) stop()
  const queue: SSEMessage[] = []
  let wake = () => {}
  let over = false
  let failure: unknown
  const end = () => {
    over = true
    wake()
  }
  controller.signal.addEventListener('abort', end, { once: true })
  const push = (message: SSEMessage) => {
    queue.push(message)
    wake()
  }
  const fail = (error: unknown) => {
    failure = error
    end()
  }
  readRequest(url, options, controller.signal, push).then(end, fail)
  try {
    for (let message; !controller.signal.aborted;) {
      if (!(message = queue.shift())) {
        if (over) break
        await new Promise<void>((resolve) => (wake = resolve))
        continue
      }
      let decoded = createDecoder(message)(parse, schema)
      if (isPromise(decoded)) decoded = await decoded
      if (controller.signal.aborted) break
      if (!isFailure(decoded)) yield { data: decoded as TChunk, event: message }
      else if (options.stopOnError) throw decoded
      else options.onError?.(decoded)
    }
    if (failure && !controller.signal.aborted) throw failure
  } finally {
    stop()
    signal?.removeEventListener('abort', stop)
  }
}
