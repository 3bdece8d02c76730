// Hand-rolled React: one EventSource shared through a context, and in each component a listener
// that parses the event and keeps it in useState, as a developer writes it without a library.
import { createContext, useContext, useEffect, useState } from 'react'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, Value, type CellProps } from './react-root'

const SourceContext = createContext<EventSource | null>(null)

function Cell({ type }: CellProps) {
  const source = useContext(SourceContext)
  const [value, setValue] = useState<Payload | null>(null)
  useEffect(() => {
    if (!source) return
    const listener = (event: MessageEvent<string>) => setValue(JSON.parse(event.data) as Payload)
    source.addEventListener(type, listener)
    return () => source.removeEventListener(type, listener)
  }, [source, type])
  if (value) mark(value.seq)
  return <Value type={type} seq={value?.seq} />
}

const source = new EventSource(streamUrl)
mountCells(Cell, (children) => <SourceContext.Provider value={source}>{children}</SourceContext.Provider>)
