// sse-hooks, listener form: useSSEEvent(type, listener) gets every event in order without a
// render; the component writes the value into its element through a ref.
import { useRef } from 'react'
import { SSEProvider, useSSEEvent } from '../../../src/index'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, type CellProps } from './react-root'

function Cell({ type }: CellProps) {
  const ref = useRef<HTMLSpanElement>(null)
  useSSEEvent<Payload>(type, (payload) => {
    mark(payload.seq)
    if (ref.current) ref.current.textContent = String(payload.seq)
  })
  return <span ref={ref} data-t={type} />
}

mountCells(Cell, (children) => <SSEProvider url={streamUrl}>{children}</SSEProvider>)
