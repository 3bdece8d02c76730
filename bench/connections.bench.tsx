// (5) Connections: N components, each following K event types of one stream, mounted together.
// Counts the EventSources constructed and the native listeners they hold, for sse-hooks, for
// the hand-rolled one-EventSource-per-hook way (the baseline: N×K), and for the peers' hooks
// (the mock is installed as globalThis.EventSource, which they use). The peers are imported only
// once an EventSource global exists: react-use-websocket decides at import time whether it has one.
import { setMaxListeners } from 'node:events'
import { useEffect, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/profiling'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../src/index'
import { createMockEventSource } from '../src/testing/index'
import { fail, report, sleep, type BenchRow } from './lib'

const COMPONENTS = 100
const TYPES = ['price', 'trade', 'news', 'alert', 'presence'] as const
const STREAM_URL = 'http://127.0.0.1/events'

function SSEHooksWidget() {
  useEventSource()
  useSSEEvent<unknown>('price')
  useSSEEvent<unknown>('trade')
  useSSEEvent<unknown>('news')
  useSSEEvent<unknown>('alert')
  useSSEEvent<unknown>('presence')
  return null
}

/** What a hook written without sharing does: one EventSource per call. */
function useOwnEventSource(type: string): string | null {
  const [data, setData] = useState<string | null>(null)
  useEffect(() => {
    const source = new EventSource(STREAM_URL)
    source.addEventListener(type, (event) => setData((event as MessageEvent<string>).data))
    return () => source.close()
  }, [type])
  return data
}

function HandRolledWidget() {
  useOwnEventSource('price')
  useOwnEventSource('trade')
  useOwnEventSource('news')
  useOwnEventSource('alert')
  useOwnEventSource('presence')
  return null
}

interface Case {
  name: string
  tree: (client: SSEClient) => ReactNode
}

const many = (Widget: () => null) => Array.from({ length: COMPONENTS }, (_, index) => <Widget key={index} />)

const ownCases: Case[] = [
  { name: 'one EventSource per hook (baseline)', tree: () => many(HandRolledWidget) },
  {
    name: 'sse-hooks',
    tree: (client) => (
      <SSEProvider client={client} url={STREAM_URL}>
        {many(SSEHooksWidget)}
      </SSEProvider>
    ),
  },
]

async function peerCases(): Promise<Case[]> {
  const { useEventSource: useWebSocketEventSource } = await import('react-use-websocket')
  const { useEventSource: useRemixEventSource } = await import('remix-utils/sse/react')
  const { SSEProvider: HooksSSEProvider, useSSE } = await import('react-hooks-sse')
  const noop = () => {}
  const webSocketEvents = Object.fromEntries(TYPES.map((type) => [type, noop]))

  function ReactUseWebSocketWidget() {
    // One hook per component, with a handler per event type (it only wires onmessage, though).
    useWebSocketEventSource(STREAM_URL, { events: webSocketEvents })
    return null
  }

  function RemixUtilsWidget() {
    useRemixEventSource(STREAM_URL, { event: 'price' })
    useRemixEventSource(STREAM_URL, { event: 'trade' })
    useRemixEventSource(STREAM_URL, { event: 'news' })
    useRemixEventSource(STREAM_URL, { event: 'alert' })
    useRemixEventSource(STREAM_URL, { event: 'presence' })
    return null
  }

  function ReactHooksSSEWidget() {
    useSSE('price', null)
    useSSE('trade', null)
    useSSE('news', null)
    useSSE('alert', null)
    useSSE('presence', null)
    return null
  }

  return [
    { name: 'react-use-websocket useEventSource', tree: () => many(ReactUseWebSocketWidget) },
    { name: 'remix-utils useEventSource', tree: () => many(RemixUtilsWidget) },
    {
      name: 'react-hooks-sse',
      // Its `endpoint` prop reads window.EventSource (jsdom's window here); `source` is its documented alternative.
      tree: () => <HooksSSEProvider source={() => new EventSource(STREAM_URL)}>{many(ReactHooksSSEWidget)}</HooksSSEProvider>,
    },
  ]
}

interface Count {
  opened: number
  listeners: number
  openAfterUnmount: number
}

async function count(entry: Case): Promise<Count> {
  const mock = createMockEventSource()
  const uninstall = mock.install()
  const client = new SSEClient({ EventSource: mock.EventSource })
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  try {
    flushSync(() => root.render(entry.tree(client)))
    await sleep(50) // some peers open their EventSource after a promise
    const opened = mock.instances.length
    const listeners = mock.open().reduce((sum, source) => sum + source.listenerCount(), 0)
    root.unmount()
    await sleep(150) // closeDelay
    return { opened, listeners, openAfterUnmount: mock.open().length }
  } finally {
    container.remove()
    uninstall()
  }
}

async function main() {
  setMaxListeners(10_000) // the hand-rolled and peer trees put a listener per component on one source
  createMockEventSource().install() // a placeholder global for the peers' import-time checks
  const cases = [...ownCases, ...(await peerCases())]
  const rows: BenchRow[] = []
  const results: Record<string, Count | { error: string }> = {}
  let baseline: Count | undefined
  for (const entry of cases) {
    try {
      const result = await count(entry)
      results[entry.name] = result
      baseline ??= result
      const isBaseline = result === baseline
      const isOurs = entry.name === 'sse-hooks'
      rows.push({
        bench: 'connections',
        name: `${COMPONENTS} components × ${TYPES.length} types, ${entry.name}`,
        value: result.opened,
        unit: 'connections',
        ...(isBaseline ? {} : { baseline: baseline.opened, ratio: result.opened / baseline.opened }),
        ...(isOurs ? { target: '= 1', pass: result.opened === 1 && result.openAfterUnmount === 0 } : {}),
        note: `${result.listeners} listeners${result.openAfterUnmount ? `, ${result.openAfterUnmount} left open after unmount` : ''}`,
      })
    } catch (error) {
      results[entry.name] = { error: error instanceof Error ? error.message : String(error) }
      rows.push({ bench: 'connections', name: entry.name, value: Number.NaN, unit: '', note: `could not run: ${String(error)}` })
    }
  }
  report({ bench: 'connections', rows, details: { components: COMPONENTS, eventTypes: TYPES.length, results } })
}

main().catch(fail)
