// remix-utils' useEventSource(url, { event }): shares one EventSource per URL, returns the raw data.
import { useMemo } from 'react'
import { useEventSource } from 'remix-utils/sse/react'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, Value, type CellProps } from './react-root'

function Cell({ type }: CellProps) {
  const data = useEventSource(streamUrl, { event: type })
  const value = useMemo(() => (data ? (JSON.parse(data) as Payload) : null), [data])
  if (value) mark(value.seq)
  return <Value type={type} seq={value?.seq} />
}

mountCells(Cell)
