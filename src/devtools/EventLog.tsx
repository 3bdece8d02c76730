'use client'
import { memo, useCallback, useState } from 'react'
import { formatBytes, formatTime, parsePayload } from './format'
import type { EventEntry, RequestView, StreamView } from './model'
import type { DevtoolsStore } from './store'

interface EventLogProps {
  store: DevtoolsStore
  view: StreamView | RequestView
  paused: boolean
}

type Parsed = ReturnType<typeof parsePayload>

/** Rows in the DOM until asked for all: a burst re-renders a hundred rows, not the whole ring. */
const ROWS = 100

/** The newest events of one stream: filter by type and text, pause, clear, expand, copy. */
export function EventLog({ store, view, paused }: EventLogProps) {
  const [type, setType] = useState('')
  const [text, setText] = useState('')
  const [expanded, setExpanded] = useState<number | undefined>()
  const [all, setAll] = useState(false)
  const toggle = useCallback((seq: number) => setExpanded((open) => (open === seq ? undefined : seq)), [])
  // Each payload is parsed once, when first shown; the cache goes with the events.
  const [parsed] = useState(() => new WeakMap<EventEntry, Parsed>())
  const parse = (entry: EventEntry) => {
    const known = parsed.get(entry)
    if (known) return known
    const result = parsePayload(entry.data)
    parsed.set(entry, result)
    return result
  }
  const items = view.events.items()
  const types = [...new Set(items.map((entry) => entry.type))]
  const needle = text.toLowerCase()
  const shown = items.filter((entry) => (!type || entry.type === type) && (!needle || entry.data.toLowerCase().includes(needle))).reverse()
  const rows = all ? shown : shown.slice(0, ROWS)

  return (
    <>
      <div className="bar" role="toolbar" aria-label="Event log controls">
        <select aria-label="Filter by event type" value={type} onChange={(event) => setType(event.target.value)}>
          <option value="">All types</option>
          {types.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label="Filter by text"
          placeholder="Filter text"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="button" aria-pressed={paused} onClick={() => store.setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={() => store.clear(view.key)}>
          Clear
        </button>
        <span className="muted" data-testid="event-count">
          {shown.length} shown · {view.events.total} received
        </span>
      </div>
      {shown.length ? (
        <ol aria-label="Events, newest first">
          {rows.map((entry) => (
            <EventRow key={entry.seq} entry={entry} parsed={parse(entry)} expanded={expanded === entry.seq} toggle={toggle} />
          ))}
        </ol>
      ) : (
        <p className="empty">{paused ? 'Paused: new events are not logged.' : 'No event yet.'}</p>
      )}
      {rows.length < shown.length ? (
        <button type="button" className="more" onClick={() => setAll(true)}>
          Show all {shown.length}
        </button>
      ) : null}
    </>
  )
}

interface EventRowProps {
  entry: EventEntry
  parsed: Parsed
  expanded: boolean
  toggle: (seq: number) => void
}

/** One event: memoised, as entries never change, so a new event renders one row. */
const EventRow = memo(function EventRow({ entry, parsed, expanded, toggle }: EventRowProps) {
  const [copied, setCopied] = useState('')
  const copy = async () => {
    try {
      await globalThis.navigator.clipboard.writeText(entry.data)
      setCopied('Copied')
    } catch {
      setCopied('Copy failed') // no clipboard here, or no permission
    }
  }
  return (
    <li data-testid="event">
      <button type="button" className="event" aria-expanded={expanded} onClick={() => toggle(entry.seq)}>
        <span className="muted">{formatTime(entry.at)}</span>
        <span>
          <strong data-testid="event-type">{entry.type}</strong>
          {entry.id ? ` #${entry.id}` : ''} <span className="muted">{formatBytes(entry.size)}</span>
          {parsed.error ? <span className="bad"> not JSON</span> : null}
        </span>
        <span className="preview">{entry.data.slice(0, 200)}</span>
      </button>
      {expanded ? (
        <div>
          <pre>{parsed.json ?? entry.data}</pre>
          {parsed.error ? <p className="bad">Not JSON: {parsed.error}</p> : null}
          <button type="button" onClick={() => void copy()}>
            Copy payload
          </button>{' '}
          <span role="status">{copied}</span>
        </div>
      ) : null}
    </li>
  )
})
