import { useState, useSyncExternalStore } from 'react'
import { useEventSource, useSSEEvent } from 'sse-hooks'
import { useCrossTab, type CrossTabRole } from 'sse-hooks/cross-tab'
import { API, type ChatStats } from '../../shared/protocol'
import { client, clientId, eventsUrl, transport } from '../chat'

// client.getStats() is a plain read, not a store: poll it. A count, so React re-renders only when it changes.
const readSubscribers = () => client.getStats().subscribers
const watchTabStats = (onChange: () => void) => {
  const first = setTimeout(onChange) // right after every component has subscribed
  const timer = setInterval(onChange, 500)
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}

const roleText: Record<CrossTabRole, string> = {
  leader: 'This tab holds the connection',
  follower: 'Another tab holds the connection',
  alone: 'This tab has a connection of its own',
  idle: 'No stream open',
}

// Naming this browser's client id makes the server count the streams it has for it.
const statsUrl = `${API.stats}?client=${encodeURIComponent(clientId)}`

/** The point of the library, in numbers: many subscribers in this tab, one connection for all the tabs. */
export function StatsPanel() {
  const { lastEventId } = useEventSource()
  const subscribers = useSyncExternalStore(watchTabStats, readSubscribers)
  const { role, tabs } = useCrossTab(transport, eventsUrl)
  const [server, setServer] = useState<ChatStats | null>(null)

  // The server's counts, refreshed by the stream's own ping, once a second.
  useSSEEvent('ping', () => {
    fetch(statsUrl)
      .then((response) => (response.ok ? (response.json() as Promise<ChatStats>) : null))
      .then((stats) => {
        if (stats) setServer(stats)
      })
      .catch(() => {})
  })

  return (
    <section className="card" aria-labelledby="stats-title">
      <h2 id="stats-title" className="card-title">
        Connections
      </h2>
      <div className="tab-role" data-testid="tab-role" data-role={role}>
        <p className="tab-role-name">
          <span className="dot" aria-hidden="true" />
          {roleText[role]}
        </p>
        <p className="muted small">
          Tabs sharing it: <strong data-testid="shared-tabs">{tabs}</strong>
        </p>
      </div>
      <dl className="stats">
        <div>
          <dt>This browser's streams on the server</dt>
          <dd data-testid="browser-connections">{server?.clientConnections ?? '–'}</dd>
        </div>
        <div>
          <dt>All streams on the server</dt>
          <dd data-testid="server-connections">{server?.connections ?? '–'}</dd>
        </div>
        <div>
          <dt>Subscribers in this tab</dt>
          <dd data-testid="tab-subscribers">{subscribers}</dd>
        </div>
        <div>
          <dt>Last event id</dt>
          <dd data-testid="last-event-id">{lastEventId || '–'}</dd>
        </div>
      </dl>
      <p className="muted small">
        Every component here subscribes on its own, and all the tabs of this browser share one connection: one tab holds it and relays the
        events to the others.
      </p>
    </section>
  )
}
