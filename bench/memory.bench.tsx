// (3) Memory: 10,000 mount/unmount cycles of a component using both hooks (useEventSource, and
// useSSEEvent in state and listener form), each cycle also delivering one event. Odd cycles share
// one stream URL (the connection is reused across the cycles), even cycles open a stream of their
// own (created, then disposed). Afterwards: heap growth, open connections, native listeners on
// the mock EventSources and on window, and pending timers must all be back where they started.
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/profiling'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../src/index'
import { createMockEventSource, type MockEventSourceInstance } from '../src/testing/index'
import { collectGarbage, fail, report, sleep, type BenchRow } from './lib'

const CYCLES = Number(process.env.BENCH_MEMORY_CYCLES ?? 10_000)
const WARMUP_CYCLES = 1_000
const BATCH = 100
const HEAP_BUDGET = 1024 * 1024

// Timers: every setTimeout made through the global from now on, until it fires or is cleared.
const pendingTimers = new Set<ReturnType<typeof setTimeout>>()
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const handle = realSetTimeout(() => {
    pendingTimers.delete(handle)
    handler(...args)
  }, ms)
  pendingTimers.add(handle)
  return handle
}) as unknown as typeof setTimeout
globalThis.clearTimeout = ((handle: ReturnType<typeof setTimeout> | undefined) => {
  if (handle !== undefined) pendingTimers.delete(handle)
  realClearTimeout(handle)
}) as typeof clearTimeout

// Window listeners (online/offline/visibilitychange watchers) currently registered, by type.
// Strong references are fine: a listener left registered is retained by the window anyway.
const windowListeners = new Map<string, Set<unknown>>()
const windowListenerCount = () => [...windowListeners.values()].reduce((sum, set) => sum + set.size, 0)
const realAdd = window.addEventListener.bind(window)
const realRemove = window.removeEventListener.bind(window)
window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
  let set = windowListeners.get(type)
  if (!set) windowListeners.set(type, (set = new Set()))
  set.add(listener)
  realAdd(type, listener, options)
}) as typeof window.addEventListener
window.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) => {
  windowListeners.get(type)?.delete(listener)
  realRemove(type, listener, options)
}) as typeof window.removeEventListener

interface Tick {
  seq: number
}

let delivered = 0
const countDelivery = () => {
  delivered++
}

function Widget() {
  const { status } = useEventSource()
  const { data } = useSSEEvent<Tick>('tick')
  useSSEEvent<Tick>('tick', () => countDelivery()) // a new inline listener every render, as apps write it
  return (
    <p>
      {status} {data?.seq ?? '-'}
    </p>
  )
}

async function main() {
  const mock = createMockEventSource()
  const client = new SSEClient({ EventSource: mock.EventSource, closeDelay: 0 })
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  let nativeListenersLeft = 0
  let sourcesLeftOpen = 0
  let cycle = 0

  /** Counts what the mock's closed instances still hold, then forgets them (the kit keeps every instance). */
  const sweepMock = () => {
    for (const source of mock.instances as MockEventSourceInstance[]) {
      if (source.readyState !== 2) continue
      nativeListenersLeft += source.listenerCount()
    }
    const open = mock.open()
    mock.reset()
    mock.instances.push(...open)
  }

  const runCycles = async (count: number) => {
    for (let done = 0; done < count; done++, cycle++) {
      const url = cycle % 2 ? 'http://127.0.0.1/events/shared' : `http://127.0.0.1/events/${cycle}`
      flushSync(() =>
        root.render(
          <SSEProvider client={client} url={url}>
            <Widget />
          </SSEProvider>,
        ),
      )
      // The counters below must see what they count, or their zeros would prove nothing.
      if (cycle === 0 && (client.getStats().subscribers === 0 || windowListenerCount() === 0)) {
        throw new Error('no subscription or window listener after the first mount: the bench would measure nothing')
      }
      const source = mock.open().find((candidate) => candidate.url === url)
      if (!source) throw new Error(`cycle ${cycle}: no open EventSource for ${url}`)
      flushSync(() => source.emit('tick', `{"seq":${cycle}}`, { id: String(cycle) }))
      flushSync(() => root.render(null))
      if (cycle === 0 && pendingTimers.size === 0) throw new Error('the close timer was not seen by the timer counter')
      if ((done + 1) % BATCH === 0) {
        await sleep(2) // closeDelay 0: the disposals of this batch run
        sweepMock()
      }
    }
  }

  const settle = async () => {
    await sleep(20)
    sweepMock()
    collectGarbage()
    collectGarbage()
  }

  await runCycles(WARMUP_CYCLES)
  await settle()
  const heapBefore = process.memoryUsage().heapUsed
  const deliveredBefore = delivered
  const leftBefore = { nativeListenersLeft, timers: pendingTimers.size, windowListeners: windowListenerCount() }
  await runCycles(CYCLES)
  root.unmount()
  container.remove()
  await settle()
  const heapAfter = process.memoryUsage().heapUsed
  for (const source of mock.instances) if (source.readyState !== 2) sourcesLeftOpen++
  const stats = client.getStats()
  const growth = heapAfter - heapBefore
  const nativeLeft = nativeListenersLeft + mock.instances.reduce((sum, source) => sum + source.listenerCount(), 0)

  const rows: BenchRow[] = [
    {
      bench: 'memory',
      name: `heap growth, ${CYCLES.toLocaleString('en-US')} mount/unmount cycles`,
      value: growth,
      unit: 'B',
      target: '< 1 MB',
      pass: growth < HEAP_BUDGET,
      note: `${(heapBefore / 1e6).toFixed(1)} → ${(heapAfter / 1e6).toFixed(1)} MB`,
    },
    {
      bench: 'memory',
      name: 'open connections afterwards (getStats)',
      value: stats.connections,
      unit: '',
      target: '= 0',
      pass: stats.connections === 0,
    },
    {
      bench: 'memory',
      name: 'subscribers afterwards (getStats)',
      value: stats.subscribers,
      unit: '',
      target: '= 0',
      pass: stats.subscribers === 0,
    },
    {
      bench: 'memory',
      name: 'native listeners left (mock listenerCount)',
      value: nativeLeft,
      unit: '',
      target: '= 0',
      pass: nativeLeft === 0,
    },
    {
      bench: 'memory',
      name: 'EventSources left open',
      value: sourcesLeftOpen,
      unit: '',
      target: '= 0',
      pass: sourcesLeftOpen === 0,
    },
    {
      bench: 'memory',
      name: 'window listeners left',
      value: windowListenerCount() - leftBefore.windowListeners,
      unit: '',
      target: '= 0',
      pass: windowListenerCount() === leftBefore.windowListeners,
    },
    {
      bench: 'memory',
      name: 'timers pending afterwards',
      value: pendingTimers.size,
      unit: '',
      target: '= 0',
      pass: pendingTimers.size === 0,
    },
  ]
  if (delivered - deliveredBefore !== CYCLES) {
    throw new Error(`the listener form heard ${delivered - deliveredBefore} of ${CYCLES} events`)
  }
  report({
    bench: 'memory',
    rows,
    details: { cycles: CYCLES, warmupCycles: WARMUP_CYCLES, heapBefore, heapAfter, growth, stats, leftBefore },
  })
}

main().catch(fail)
