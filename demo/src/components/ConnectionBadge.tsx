import { useEventSource } from 'sse-hooks'

const hints = {
  connecting: 'Opening the stream',
  open: 'Receiving events',
  reconnecting: 'Lost the stream; reconnecting, then resuming from the last event id',
  closed: 'The stream is closed',
} as const

/** The stream's state, from useEventSource: the same stream every other component shares. */
export function ConnectionBadge() {
  const { status, reconnect } = useEventSource()
  const content = (
    <>
      <span className="dot" aria-hidden="true" />
      <span className="visually-hidden">Connection: </span>
      <span className="badge-label">{status}</span>
    </>
  )
  return (
    <div role="status">
      {status === 'closed' ? (
        <button type="button" className="badge" data-status={status} data-testid="connection-status" onClick={reconnect} title="Reconnect">
          {content}
        </button>
      ) : (
        <span className="badge" data-status={status} data-testid="connection-status" title={hints[status]}>
          {content}
        </span>
      )}
    </div>
  )
}
