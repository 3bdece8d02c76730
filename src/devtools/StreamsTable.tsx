'use client'
import { snapshotOf } from '../core/snapshot'
import type { SSESubscriber } from '../core/inspect'
import { Table } from './Table'
import { formatDuration, formatTime } from './format'
import type { StreamView } from './model'
import { useNow } from './useNow'

interface StreamsTableProps {
  streams: readonly StreamView[]
  selected: string | undefined
  select: (key: string) => void
}

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** The color of a status. */
export const tone = { open: 'ok', connecting: 'warn', reconnecting: 'warn', closed: 'bad' } as const

/** `ping: 2 state, 1 listener · status: 1`: who holds the stream, by event type and form. */
export function subscribersOf(subscribers: readonly SSESubscriber[]): string {
  const byType = new Map<string, { state: number; listener: number }>()
  let status = 0
  for (const { type, state } of subscribers) {
    if (type === undefined) {
      status++
      continue
    }
    const counts = byType.get(type) ?? { state: 0, listener: 0 }
    counts[state ? 'state' : 'listener']++
    byType.set(type, counts)
  }
  const parts = [...byType].map(([type, { state, listener }]) => {
    const forms = [state ? `${state} state` : '', listener ? plural(listener, 'listener') : '']
    return `${type}: ${forms.filter(Boolean).join(', ')}`
  })
  if (status) parts.push(`status: ${status}`)
  return parts.join(' · ') || 'none'
}

/** The phase in words: a backoff with its countdown and what set its floor, the cross-tab role. */
function phaseOf(view: StreamView, now: number): string {
  const { state } = view.facts
  if (state.phase === 'backoff') {
    // The clock ticks from when the backoff began, not from an older tick.
    const left = state.until - Math.max(now, view.facts.at)
    const floor = state.notBefore > 0 && state.notBefore >= state.until ? ' (Retry-After)' : ''
    return `backoff · retry in ${formatDuration(left)}${floor}`
  }
  if (state.phase === 'following') return 'following (another tab leads)'
  if (state.phase === 'closed' && state.reason) return `closed (${state.reason})`
  return state.phase
}

/** One row per live stream of the client. */
export function StreamsTable({ streams, selected, select }: StreamsTableProps) {
  const now = useNow(streams.some((view) => view.facts.state.phase === 'backoff'))
  if (!streams.length) return <p className="empty">No live stream.</p>
  return (
    <Table
      labelledBy="sse-devtools-streams"
      columns={['URL', 'Status', 'Phase', 'Last id', 'Open since', 'Reconnects', 'Last error', 'Subscribers']}
    >
      {streams.map((view) => {
        const { state, subscribers } = view.facts
        const { lastEventId } = view
        const { status } = snapshotOf(state, lastEventId)
        const failure = view.lastFailure
        const error = state.error ?? undefined
        return (
          <tr key={view.key} aria-selected={view.key === selected} data-status={status} data-phase={state.phase}>
            <td>
              <button type="button" className="link" aria-pressed={view.key === selected} onClick={() => select(view.key)}>
                {view.url}
              </button>
              <div className="muted">{view.role ? `${view.transport} · ${view.role}` : view.transport}</div>
            </td>
            <td className={tone[status]}>{status}</td>
            <td>{phaseOf(view, now)}</td>
            <td>{lastEventId || <span className="muted">none</span>}</td>
            <td>{state.phase === 'open' ? formatTime(state.openedAt) : <span className="muted">not open</span>}</td>
            <td>{Math.max(0, state.connection - 1)}</td>
            <td className={error ? 'bad' : 'muted'}>
              {error ? `${failure?.status ?? error.status ?? ''} ${error.message}`.trim() : 'none'}
            </td>
            <td>{subscribersOf(subscribers)}</td>
          </tr>
        )
      })}
    </Table>
  )
}
