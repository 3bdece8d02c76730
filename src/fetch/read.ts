import { createParser, type ParseError } from 'eventsource-parser'
import type { TransportSink } from '../core/transport'
import { noop } from '../core/noop'

/** What a read reports: the parser's findings. */
export type ReadSink = Pick<TransportSink, 'event' | 'id' | 'comment' | 'retry'>

/** What outlives one response: the resume point and the server's reconnection delay. */
export interface ResumeState {
  lastEventId: string
  retry: number
}

/**
 * Reads one response body to its end, reporting what eventsource-parser finds: events with data as
 * `event`, id-only blocks as `id`, comments, `retry:`. Resolves when the body ends; rejects when
 * reading fails (network drop, abort), or with the parser's `ParseError` when an unfinished line
 * or event grows past `maxBufferSize`. It reads no further once `signal` aborts: Node's fetch never
 * settles a read of a body that had fully arrived before the abort.
 */
export async function readEvents(
  body: ReadableStream<Uint8Array> | null,
  sink: ReadSink,
  state: ResumeState,
  maxBufferSize: number | undefined,
  onBytes: () => void,
  signal: AbortSignal,
): Promise<void> {
  // An id reported by the parser (4.1+) stays pending until we know whether its block had data.
  let pendingId: string | undefined
  const flushId = () => {
    if (pendingId !== undefined) sink.id(pendingId)
    pendingId = undefined
  }
  const parser = createParser({
    maxBufferSize,
    onId(id: string) {
      flushId()
      pendingId = state.lastEventId = id
    },
    onEvent({ id, event, data }) {
      // The parser counts only what it still buffers: an event that came whole in one chunk is checked here.
      if (maxBufferSize !== undefined && data.length > maxBufferSize)
        throw Object.assign(new Error('Event over maxBufferSize'), { type: 'max-buffer-size-exceeded' })
      pendingId = undefined
      // eventsource-parser 3.x has no onId: the id comes with the event.
      if (id !== undefined) state.lastEventId = id
      sink.event({ type: event || 'message', data, lastEventId: state.lastEventId })
    },
    onComment(text: string) {
      flushId()
      sink.comment(text)
    },
    onRetry(ms: number) {
      flushId()
      sink.retry((state.retry = ms))
    },
    onError(error: ParseError) {
      if (error.type === 'max-buffer-size-exceeded') throw error
    },
  })
  const feed = (text: string) => {
    parser.feed(text)
    flushId()
  }
  // The decoder strips the one leading BOM the spec allows. The parser would strip a second one,
  // so an empty line first ends its BOM check (an empty line before any field dispatches nothing).
  const decoder = new TextDecoder()
  feed('\n')
  const reader = body?.getReader()
  for (let chunk; reader && !signal.aborted && !(chunk = await reader.read()).done;) {
    onBytes()
    feed(decoder.decode(chunk.value, { stream: true }))
  }
  if (signal.aborted) reader?.cancel().catch(noop)
  signal.throwIfAborted()
  // A truncated character becomes U+FFFD; an unterminated last event is dropped, as the spec says.
  feed(decoder.decode())
}
