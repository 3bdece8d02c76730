// sse-hooks default through fetchTransport: the same cells as the native EventSource row, the
// stream read with fetch and parsed in JavaScript. The `fetch` it is given counts the events in the
// body (each has one `data:` line) before the library reads them, as count-events.ts does for EventSource.
import { SSEProvider } from '../../../src/index'
import { fetchTransport } from '../../../src/fetch/index'
import { countReceived } from './count-events'
import { streamUrl } from './harness'
import { mountCells } from './react-root'
import { Cell } from './sse-hooks'

const NEWLINE = 10
const D = 100

/** Counts the lines that start with `d` (the bench server writes no `\r` and no other such field). */
function counter(): TransformStream<Uint8Array, Uint8Array> {
  let lineStart = true
  return new TransformStream({
    transform(chunk, controller) {
      if (lineStart && chunk[0] === D) countReceived()
      for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) {
        if (chunk[at + 1] === D) countReceived()
      }
      lineStart = chunk[chunk.length - 1] === NEWLINE
      controller.enqueue(chunk)
    },
  })
}

const transport = fetchTransport({
  fetch: async (input, init) => {
    const response = await fetch(input, init)
    if (!response.body) return response
    return new Response(response.body.pipeThrough(counter()), response)
  },
})

mountCells(Cell, (children) => (
  <SSEProvider url={streamUrl} transport={transport}>
    {children}
  </SSEProvider>
))
