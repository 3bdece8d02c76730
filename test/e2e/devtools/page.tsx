// The devtools test page: an app with an EventSource stream and a fetch stream, and the panel.
import { createRoot } from 'react-dom/client'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../../../src/index'
import { fetchTransport } from '../../../src/fetch/index'
import { SSEDevtools } from '../../../src/devtools/index'

const query = new URLSearchParams(location.search)
const viaFetch = fetchTransport()
const client = new SSEClient({ reconnect: { initialDelay: 400, maxDelay: 1500 } })

function Ticks({ url }: { url?: string }) {
  const options = url ? { url, transport: viaFetch } : {}
  const { data } = useSSEEvent<{ n: number }>('tick', options)
  useSSEEvent<{ n: number }>('tick', () => {}, options)
  const { status } = useEventSource(url, options)
  return (
    <p className="app-line" data-testid={url ? 'fetch-ticks' : 'ticks'} data-status={status}>
      {url ?? '/events'}: {status}, tick {data?.n ?? 'none'}
    </p>
  )
}

function App() {
  return (
    <SSEProvider client={client} url="/events">
      <h1 className="app-title">Devtools test page</h1>
      <button type="button" className="app-button">
        An app button
      </button>
      <table className="app-table">
        <tbody>
          <tr>
            <td>an app cell</td>
          </tr>
        </tbody>
      </table>
      <Ticks />
      {query.has('fetch') ? <Ticks url="/fetch-events" /> : null}
      <SSEDevtools initialIsOpen={query.has('open')} maxEvents={query.has('ring') ? Number(query.get('ring')) : undefined} />
    </SSEProvider>
  )
}

if (query.has('css')) {
  const style = document.createElement('style')
  style.textContent = '* { color: red; font-size: 40px; font-family: serif; } button, table, td { border: 5px dashed lime; }'
  document.head.append(style)
}
createRoot(document.getElementById('root') as HTMLElement).render(<App />)
