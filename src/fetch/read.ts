import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser'
import type { TransportSink } from '../core/transport'

/** What outlives one response: the resume point and the server's reconnection delay. */
export interface StreamState {
  lastEventId: string
  retry: number
}

/**
 * Reads one response body to its end, reporting what the parser finds: events with data as
 * `event`, id-only blocks as `id`, comments, `retry:`. Resolves with the parser's error when an
 * unfinished line or event grew past `maxBufferSize` (reading stops there), else `undefined` once
 * the body ends; rejects when reading fails (network drop, abort).
 */
export async function readEvents(
  body: ReadableStream<Uint8Array> | null,
  sink: TransportSink,
  state: StreamState,
  maxBufferSize: number | undefined,
  onBytes: () => void,
): Promise<ParseError | undefined> {
  let overflow: ParseError | undefined
  // An id reported by the parser (4.1+) stays pending until we know whether its block had data.
  let pendingId: string | undefined
  const flushId = () => {
    if (pendingId === undefined) return
    const id = pendingId
    pendingId = undefined
    sink.id(id)
  }

  const parser = createParser({
    maxBufferSize,
    onId(id: string) {
      flushId()
      pendingId = state.lastEventId = id
    },
    onEvent({ id, event, data }: EventSourceMessage) {
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
      state.retry = ms
      sink.retry(ms)
    },
    onError(error: ParseError) {
      if (error.type === 'max-buffer-size-exceeded') overflow = error
    },
  })
  // The decoder strips the one leading BOM the spec allows. The parser would strip a second one,
  // so an empty line first ends its BOM check (an empty line before any field dispatches nothing).
  const decoder = new TextDecoder()
  const feed = (text: string) => {
    parser.feed(text)
    flushId()
  }
  feed('\n')

  if (!body) return undefined
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    onBytes()
    feed(decoder.decode(value, { stream: true }))
    if (overflow) {
      await reader.cancel().catch(() => undefined)
      return overflow
    }
  }
  // A truncated character becomes U+FFFD; an unterminated last event is dropped, as the spec says.
  feed(decoder.decode())
  return overflow
}
