'use client'
import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { Details } from './Details'
import type { DevtoolsSnapshot } from './model'
import type { PanelState } from './persist'
import { RequestsTable } from './RequestsTable'
import { Resizer } from './Resizer'
import type { DevtoolsStore } from './store'
import { plural, StreamsTable } from './StreamsTable'

interface PanelProps {
  store: DevtoolsStore
  snapshot: DevtoolsSnapshot
  state: PanelState
  update: (patch: Partial<PanelState>) => void
}

/** The open panel: the streams and request streams, and the details of the one selected. */
export function Panel({ store, snapshot, state, update }: PanelProps) {
  const [picked, setPicked] = useState<string | undefined>()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => close.current?.focus(), [])
  const { streams, requests } = snapshot
  const stream = streams.find((view) => view.key === picked) ?? (requests.some((view) => view.key === picked) ? undefined : streams[0])
  const request = stream ? undefined : (requests.find((view) => view.key === picked) ?? requests[0])
  const selected = stream?.key ?? request?.key
  const otherDock = state.dock === 'bottom' ? 'right' : 'bottom'

  return (
    <section
      className="panel"
      data-dock={state.dock}
      style={{ '--size': `${state.size}px` } as CSSProperties}
      aria-label="SSE devtools"
      onKeyDown={(event) => {
        if (event.key === 'Escape') update({ open: false })
      }}
    >
      <Resizer state={state} update={update} />
      <header>
        <h2>SSE devtools</h2>
        <span className="muted">
          {plural(streams.length, 'stream')} · {plural(requests.length, 'request')}
        </span>
        <button type="button" onClick={() => update({ dock: otherDock })}>
          Dock {otherDock}
        </button>
        <button type="button" ref={close} aria-expanded={true} onClick={() => update({ open: false })}>
          Close panel
        </button>
      </header>
      <div className="body">
        <div className="list">
          <h3 id="sse-devtools-streams">Streams</h3>
          <StreamsTable streams={streams} selected={selected} select={setPicked} />
          <h3 id="sse-devtools-requests">Requests</h3>
          <RequestsTable requests={requests} selected={selected} select={setPicked} />
        </div>
        {stream || request ? (
          <Details store={store} stream={stream} request={request} paused={snapshot.paused} />
        ) : (
          <p className="empty">No stream yet: a component that listens opens one.</p>
        )}
      </div>
    </section>
  )
}
