'use client'
import { useState } from 'react'
import { EventLog } from './EventLog'
import type { RequestView, StreamView } from './model'
import type { DevtoolsStore } from './store'
import { Timeline } from './Timeline'

interface DetailsProps {
  store: DevtoolsStore
  stream: StreamView | undefined
  request: RequestView | undefined
  paused: boolean
}

type Tab = 'events' | 'timeline'

/** The selected stream's actions, event log and timeline; or the selected request stream's log. */
export function Details({ store, stream, request, paused }: DetailsProps) {
  const [tab, setTab] = useState<Tab>('events')
  const view = stream ?? request
  if (!view) return null
  const shown: Tab = stream ? tab : 'events'
  return (
    <div className="details">
      <div className="bar">
        <strong>{view.url}</strong>
        {stream ? (
          <>
            <button type="button" onClick={() => store.reconnect(stream.key)}>
              Reconnect
            </button>
            <button type="button" onClick={() => store.close(stream.key)}>
              Close stream
            </button>
          </>
        ) : (
          <span className="muted">request stream · {request?.status}</span>
        )}
      </div>
      {stream ? (
        <div className="tabs" role="tablist" aria-label="Stream details">
          {(['events', 'timeline'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`sse-devtools-tab-${name}`}
              aria-selected={shown === name}
              aria-controls="sse-devtools-tabpanel"
              onClick={() => setTab(name)}
            >
              {name === 'events' ? 'Events' : 'Timeline'}
            </button>
          ))}
        </div>
      ) : null}
      <div
        className="details"
        role={stream ? 'tabpanel' : undefined}
        id="sse-devtools-tabpanel"
        aria-labelledby={stream ? `sse-devtools-tab-${shown}` : undefined}
      >
        {shown === 'timeline' && stream ? <Timeline view={stream} /> : <EventLog store={store} view={view} paused={paused} />}
      </div>
    </div>
  )
}
