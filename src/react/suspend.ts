import { isPromise } from '../core/decode'
import { SSEError } from '../core/errors'
import type { DecodeOptions } from '../core/types'
import type { StreamHandle } from '../core/client'
import { stoppedForGood, waitFor } from './wait'

/**
 * What a suspending hook throws while its stream has nothing to show yet:
 * - on the server, an error, so the nearest `<Suspense>` renders its fallback there and the client
 *   renders the rest (a server render never opens a stream, nor waits for one)
 * - for a stream stopped for good, its error, to the nearest error boundary
 * - else, to the nearest `<Suspense>`, the promise of the latest event's decoding when an async
 *   schema is still at work, or of a wait for the stream (siblings that suspend together share the
 *   one stream, so there is no waterfall)
 */
export function suspend(stream: StreamHandle, type?: string, decoding: DecodeOptions = {}): never {
  if (typeof window === 'undefined') throw new SSEError('connection', 'sse-hooks: no streams on the server')
  if (stoppedForGood(stream)) throw stream.getSnapshot().error ?? new SSEError('connection', 'The stream closed before it had a value')
  const decoded = type === undefined ? undefined : stream.latest(type)?.decode(decoding.parse, decoding.schema)
  throw isPromise(decoded) ? decoded : waitFor(stream, type)
}
