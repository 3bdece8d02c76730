// react-use-websocket's useEventSource with `share: true` (its docs' way to keep one connection).
// It reads `onmessage` only, so a named event type never reaches it: those cells stay empty.
import { useMemo } from 'react'
import { useEventSource } from 'react-use-websocket'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, Value, type CellProps } from './react-root'

function Cell({ type }: CellProps) {
  const { lastEvent } = useEventSource(streamUrl, { share: true })
  const value = useMemo(
    () => (lastEvent && lastEvent.type === type ? (JSON.parse(String(lastEvent.data)) as Payload) : null),
    [lastEvent, type],
  )
  if (value) mark(value.seq)
  return <Value type={type} seq={value?.seq} />
}

mountCells(Cell)
