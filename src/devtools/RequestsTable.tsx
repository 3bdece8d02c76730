'use client'
import { Table } from './Table'
import { formatTime } from './format'
import type { RequestView } from './model'

interface RequestsTableProps {
  requests: readonly RequestView[]
  selected: string | undefined
  select: (key: string) => void
}

const toneOf = { idle: 'muted', streaming: 'warn', done: 'ok', error: 'bad', aborted: 'muted' } as const

/** One row per request stream (`useSSERequest`, `createSSERequest` given the client), newest first. */
export function RequestsTable({ requests, selected, select }: RequestsTableProps) {
  if (!requests.length) return <p className="empty">No request stream yet.</p>
  return (
    <Table labelledBy="sse-devtools-requests" columns={['URL', 'Status', 'Started', 'Runs', 'Events', 'Error']}>
      {requests.map((view) => (
        <tr key={view.key} aria-selected={view.key === selected} data-status={view.status}>
          <td>
            <button type="button" className="link" aria-pressed={view.key === selected} onClick={() => select(view.key)}>
              {view.url}
            </button>
            <div className="muted">fetch {view.method}</div>
          </td>
          <td className={toneOf[view.status]}>{view.status}</td>
          <td>{formatTime(view.startedAt)}</td>
          <td>{view.runs}</td>
          <td>{view.events.total}</td>
          <td className={view.error ? 'bad' : 'muted'}>{view.error ?? 'none'}</td>
        </tr>
      ))}
    </Table>
  )
}
