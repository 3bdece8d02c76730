import { useState, useSyncExternalStore } from 'react'
import { useEventSource, useSSEEvent } from 'sse-hooks'
import { API, type ChatStats } from '../../shared/protocol'
import { client } from '../chat'

// client.getStats() is a plain read: poll it, and hand React the same object while nothing changed.
let tabStats = client.getStats()
const readTabStats = () => {
  const next = client.getStats()
  if (next.connections !== tabStats.connections || next.subscribers !== tabStats.subscribers) tabStats = next
  return tabStats
}
const watchTabStats = (onChange: () => void) => {
  const first = setTimeout(onChange) // right after every component has subscribed
  const timer = setInterval(onChange, 500)
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}

/** The point of the library, in numbers: many subscribers in this tab, one connection. */
export function StatsPanel() {
  const { lastEventId } = useEventSource()
  const local = useSyncExternalStore(watchTabStats, readTabStats)
  const [server, setServer] = useState<ChatStats | null>(null)

  // The server's count, refreshed by the stream's own ping, once a second.
  useSSEEvent('ping', () => {
    fetch(API.stats)
      .then((response) => (response.ok ? (response.json() as Promise<ChatStats>) : null))
      .then((stats) => stats && setServer(stats))
      .catch(() => {})
  })

  return (
    <section className="card" aria-labelledby="stats-title">
      <h2 id="stats-title" className="card-title">
        Connections
      </h2>
      <dl className="stats">
        <div>
          <dt>Connections in this tab</dt>
          <dd data-testid="tab-connections">{local.connections}</dd>
        </div>
        <div>
          <dt>Subscribers in this tab</dt>
          <dd data-testid="tab-subscribers">{local.subscribers}</dd>
        </div>
        <div>
          <dt>Streams open on the server</dt>
          <dd data-testid="server-connections">{server?.connections ?? '–'}</dd>
        </div>
        <div>
          <dt>Last event id</dt>
          <dd data-testid="last-event-id">{lastEventId || '–'}</dd>
        </div>
      </dl>
      <p className="muted small">
        Every component here subscribes on its own; <code>sse-hooks</code> shares one connection among them.
      </p>
    </section>
  )
}
