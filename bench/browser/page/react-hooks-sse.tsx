// react-hooks-sse: <SSEProvider endpoint> and useSSE(type, initialState); it parses JSON itself.
import { SSEProvider, useSSE } from 'react-hooks-sse'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, Value, type CellProps } from './react-root'

function Cell({ type }: CellProps) {
  const value = useSSE<Payload | null>(type, null)
  if (value) mark(value.seq)
  return <Value type={type} seq={value?.seq} />
}

mountCells(Cell, (children) => <SSEProvider endpoint={streamUrl}>{children}</SSEProvider>)
