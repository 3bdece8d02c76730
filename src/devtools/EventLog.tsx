'use client'
import { useState } from 'react'
import { formatBytes, formatTime, parsePayload } from './format'
import type { EventEntry, RequestView, StreamView } from './model'
import type { DevtoolsStore } from './store'

interface EventLogProps {
  store: DevtoolsStore
  view: StreamView | RequestView
  paused: boolean
}

type Parsed = ReturnType<typeof parsePayload>

/** The newest events of one stream: filter by type and text, pause, clear, expand, copy. */
export function EventLog({ store, view, paused }: EventLogProps) {
  const [type, setType] = useState('')
  const [text, setText] = useState('')
  const [expanded, setExpanded] = useState<number | undefined>()
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
          {shown.map((entry) => (
            <EventRow
              key={entry.seq}
              entry={entry}
              parsed={parse(entry)}
              expanded={expanded === entry.seq}
              toggle={() => setExpanded(expanded === entry.seq ? undefined : entry.seq)}
            />
          ))}
        </ol>
      ) : (
        <p className="empty">{paused ? 'Paused: new events are not logged.' : 'No event yet.'}</p>
      )}
    </>
  )
}

function EventRow({ entry, parsed, expanded, toggle }: { entry: EventEntry; parsed: Parsed; expanded: boolean; toggle: () => void }) {
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
      <button type="button" className="event" aria-expanded={expanded} onClick={toggle}>
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
}
