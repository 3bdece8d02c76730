// sse-hooks, state form: useSSEEvent(type) in each component under one SSEProvider. The batch
// option comes from the bundle's entry; none at all measures the library's default.
import { SSEProvider, useSSEEvent, type SSEBatchMode } from '../../../src/index'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, Value, type CellProps } from './react-root'

/** One element: the state form, as every sse-hooks row of the tables renders it. */
export function Cell({ type }: CellProps) {
  const { data } = useSSEEvent<Payload>(type)
  if (data) mark(data.seq)
  return <Value type={type} seq={data?.seq} />
}

export function mount(batch: SSEBatchMode | undefined): void {
  mountCells(Cell, (children) =>
    batch === undefined ? (
      <SSEProvider url={streamUrl}>{children}</SSEProvider>
    ) : (
      <SSEProvider url={streamUrl} batch={batch}>
        {children}
      </SSEProvider>
    ),
  )
}
