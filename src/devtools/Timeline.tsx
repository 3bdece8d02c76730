'use client'
import { formatDuration, formatTime } from './format'
import type { StreamView } from './model'
import { useNow } from './useNow'

/** A stream's phases over time, and its failures with their statuses: why it is where it is. */
export function Timeline({ view }: { view: StreamView }) {
  const now = useNow(true, 1000)
  const entries = view.timeline.items()
  const start = entries[0]?.at ?? now
  const spans = entries.map((entry, i) => ({ entry, ms: Math.max(0, (entries[i + 1]?.at ?? now) - entry.at) }))
  return (
    <>
      <div className="strip" role="img" aria-label={`Phases of the last ${formatDuration(now - start)}`}>
        {spans.map(({ entry, ms }, i) => (
          <span
            key={`${entry.at} ${i}`}
            className={`phase-${entry.phase}`}
            style={{ flexGrow: ms }}
            title={`${entry.phase}: ${formatDuration(ms)}`}
          />
        ))}
      </div>
      <ol aria-label="Timeline, newest first">
        {spans.reverse().map(({ entry, ms }, i) => (
          <li key={`${entry.at} ${i}`} data-testid="timeline-entry" data-phase={entry.phase}>
            <span className="muted">{formatTime(entry.at)}</span> <strong>{entry.phase}</strong>{' '}
            <span className="muted">
              after {entry.input} · {formatDuration(ms)}
            </span>
            {entry.status ? <span className="bad"> · HTTP {entry.status}</span> : null}
            {entry.error ? <span className="bad"> · {entry.error}</span> : null}
            {entry.until ? <span className="warn"> · retry at {formatTime(entry.until)}</span> : null}
            {entry.retryAfter ? <span className="warn"> · Retry-After {formatDuration(entry.retryAfter)}</span> : null}
          </li>
        ))}
      </ol>
    </>
  )
}
