import { useSSEEvent } from 'sse-hooks'

const format = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The server's clock, ticking with every `ping` (typed as Ping by the event map). */
export function PingClock() {
  const { data } = useSSEEvent('ping')
  return (
    <p className="clock" title="Server time, from the ping event every second">
      <span className="clock-label">Server time</span>
      <time dateTime={data?.time} data-testid="ping-clock">
        {data ? format(data.time) : '--:--:--'}
      </time>
    </p>
  )
}
