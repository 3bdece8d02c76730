// sse-hooks default through fetchTransport: the same cells as the native EventSource row, the
// stream read with fetch and parsed in JavaScript. Each event the transport hands the library is
// counted on its way, as count-events.ts counts what an EventSource dispatches to its listeners.
import { SSEProvider, type Transport } from '../../../src/index'
import { fetchTransport } from '../../../src/fetch/index'
import { countReceived } from './count-events'
import { streamUrl } from './harness'
import { mountCells } from './react-root'
import { Cell } from './sse-hooks'

const fetched = fetchTransport()
const transport: Transport = {
  ...fetched,
  open: (request, sink) =>
    fetched.open(request, {
      ...sink,
      event(message) {
        countReceived()
        sink.event(message)
      },
    }),
}

mountCells(Cell, (children) => (
  <SSEProvider url={streamUrl} transport={transport}>
    {children}
  </SSEProvider>
))
