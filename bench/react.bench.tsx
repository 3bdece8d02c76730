// (2) React cost of a burst: 100 components with useSSEEvent's state form on one stream, plus a
// listener-form subscriber that must see every event in order. Production React (the profiling
// build, for Profiler commit counts) in a jsdom window, no act(): React schedules as in a browser.
// Two deliveries: each event in its own macrotask (what a browser does with a burst from the
// network) and all events in one task. Baseline: the hand-rolled way (useState + addEventListener
// + JSON.parse in each component) on the same mock EventSource.
import { setMaxListeners } from 'node:events'
import { Profiler, useEffect, useState, type ReactNode } from 'react'
import { createRoot } from 'react-dom/profiling'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../src/index'
import { createMockEventSource, type MockEventSourceInstance } from '../src/testing/index'
import { collectGarbage, cpuSince, fail, median, nextMacrotask, report, sleep, type BenchRow } from './lib'
import { renderStats } from './render-stats'

const TILES = 100
const EVENTS = 10_000
const RUNS = 3
const WARMUP_EVENTS = 1_000
const STREAM_URL = 'http://127.0.0.1/events'
const FRAME_MS = 1000 / 60

interface Tick {
  seq: number
}

const payloads = Array.from({ length: EVENTS }, (_, i) =>
  JSON.stringify({ seq: i + 1, room: 'general', user: { id: 42, name: 'Ada' }, text: 'hello from the bench', at: 1700000000000 + i }),
)

function SSEHooksTile({ index }: { index: number }) {
  const { data } = useSSEEvent<Tick>('tick')
  renderStats.tile(index, data?.seq ?? 0)
  return <span>{data?.seq ?? 0}</span>
}

function HandRolledTile({ index, source }: { index: number; source: MockEventSourceInstance }) {
  const [data, setData] = useState<Tick>()
  useEffect(() => {
    const onTick = (event: Event) => setData(JSON.parse((event as MessageEvent<string>).data) as Tick)
    source.addEventListener('tick', onTick)
    return () => source.removeEventListener('tick', onTick)
  }, [source])
  renderStats.tile(index, data?.seq ?? 0)
  return <span>{data?.seq ?? 0}</span>
}

function ListenerProbe() {
  useSSEEvent<Tick>('tick', (tick) => renderStats.seen.push(tick.seq))
  return null
}

function HandRolledProbe({ source }: { source: MockEventSourceInstance }) {
  useEffect(() => {
    const onTick = (event: Event) => renderStats.seen.push((JSON.parse((event as MessageEvent<string>).data) as Tick).seq)
    source.addEventListener('tick', onTick)
    return () => source.removeEventListener('tick', onTick)
  }, [source])
  return null
}

function Status() {
  const { status } = useEventSource()
  renderStats.status()
  return <b>{status}</b>
}

const tiles = (render: (index: number) => ReactNode) => Array.from({ length: TILES }, (_, index) => render(index))

interface Mounted {
  source: MockEventSourceInstance
  unmount(): Promise<void>
}

interface Variant {
  name: string
  mount(withStatus?: boolean): Promise<Mounted>
}

const onCommit = () => {
  renderStats.commits++
}

async function mountTree(ui: (client: SSEClient, mock: ReturnType<typeof createMockEventSource>) => ReactNode): Promise<Mounted> {
  const mock = createMockEventSource()
  const client = new SSEClient({ EventSource: mock.EventSource })
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  root.render(
    <Profiler id="burst" onRender={onCommit}>
      {ui(client, mock)}
    </Profiler>,
  )
  // Every subscription of a commit is made in one passive-effect flush: one native listener means all.
  await waitUntil(() => (mock.instances[0]?.listenerCount('tick') ?? 0) > 0, 'the tree to subscribe')
  const source = mock.instances[0] ?? new mock.EventSource(STREAM_URL)
  source.open()
  await nextMacrotask()
  return {
    source,
    async unmount() {
      root.unmount()
      container.remove()
      await sleep(150) // closeDelay
      if (client.getStats().connections !== 0) throw new Error('a connection survived the unmount')
    },
  }
}

const variants: Variant[] = [
  {
    name: 'hand-rolled useState (baseline)',
    mount: () =>
      mountTree((_client, mock) => {
        const source = new mock.EventSource(STREAM_URL)
        return (
          <>
            {tiles((index) => (
              <HandRolledTile key={index} index={index} source={source} />
            ))}
            <HandRolledProbe source={source} />
          </>
        )
      }),
  },
  ...(['auto', 'sync', 'frame'] as const).map((batch) => ({
    name: batch === 'auto' ? 'sse-hooks useSSEEvent (default batch)' : `sse-hooks useSSEEvent, batch="${batch}"`,
    mount: (withStatus = false) =>
      mountTree((client) => (
        <SSEProvider client={client} url={STREAM_URL} batch={batch === 'auto' ? undefined : batch}>
          {tiles((index) => (
            <SSEHooksTile key={index} index={index} />
          ))}
          <ListenerProbe />
          {withStatus ? <Status /> : null}
        </SSEProvider>
      )),
  })),
]

async function waitUntil(condition: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const deadline = performance.now() + limitMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await nextMacrotask()
  }
}

type Mode = 'per-task' | 'one-task'

interface BurstResult {
  microsPerEvent: number
  commits: number
  renders: number
  wallMs: number
  frames: number
  inOrder: boolean
}

async function burst(source: MockEventSourceInstance, mode: Mode, events: number): Promise<BurstResult> {
  renderStats.reset(TILES)
  collectGarbage()
  const start = process.cpuUsage()
  const startedAt = performance.now()
  for (let i = 0; i < events; i++) {
    source.emit('tick', payloads[i] as string, { id: String(i + 1) })
    if (mode === 'per-task') await nextMacrotask()
  }
  await waitUntil(() => renderStats.allTilesAt(events), 'the last event to render')
  const cpu = cpuSince(start)
  const wallMs = performance.now() - startedAt
  const { seen } = renderStats
  return {
    microsPerEvent: cpu / events,
    commits: renderStats.commits,
    renders: renderStats.renders,
    wallMs,
    frames: Math.ceil(wallMs / FRAME_MS),
    inOrder: seen.length === events && seen.every((seq, i) => seq === i + 1),
  }
}

async function main() {
  setMaxListeners(10_000) // the hand-rolled and peer trees put a listener per component on one source
  const modes: Mode[] = ['per-task', 'one-task']
  for (const variant of variants) {
    const mounted = await variant.mount()
    await burst(mounted.source, 'per-task', WARMUP_EVENTS)
    await mounted.unmount()
  }
  const results = new Map<string, BurstResult[]>()
  for (let run = 0; run < RUNS; run++) {
    for (const mode of modes) {
      for (const variant of variants) {
        const mounted = await variant.mount()
        const result = await burst(mounted.source, mode, EVENTS)
        await mounted.unmount()
        const key = `${mode}|${variant.name}`
        results.set(key, [...(results.get(key) ?? []), result])
      }
    }
  }

  // useEventSource re-renders only for the fields a component reads: a status badge, not per event id.
  const statusEvents = 1_000
  const statusRenders: Record<string, number> = {}
  for (const variant of variants.slice(1)) {
    const statusMount = await variant.mount(true)
    renderStats.reset(TILES)
    for (let i = 0; i < statusEvents; i++) {
      statusMount.source.emit('tick', payloads[i] as string, { id: String(i + 1) })
      await nextMacrotask()
    }
    await waitUntil(() => renderStats.allTilesAt(statusEvents), 'the status burst')
    statusRenders[variant.name] = renderStats.statusRenders
    await statusMount.unmount()
  }

  const rows: BenchRow[] = []
  const stat = (mode: Mode, variant: Variant, pick: (result: BurstResult) => number) =>
    median((results.get(`${mode}|${variant.name}`) ?? []).map(pick))
  const [baseline] = variants as [Variant]
  for (const mode of modes) {
    const label = mode === 'per-task' ? '1 event/task' : 'all in 1 task'
    const baseMicros = stat(mode, baseline, (r) => r.microsPerEvent)
    const baseCommits = stat(mode, baseline, (r) => r.commits)
    for (const variant of variants) {
      const isBaseline = variant === baseline
      const micros = stat(mode, variant, (r) => r.microsPerEvent)
      const commits = stat(mode, variant, (r) => r.commits)
      const frames = stat(mode, variant, (r) => r.frames)
      const renders = stat(mode, variant, (r) => r.renders)
      rows.push({
        bench: 'react',
        name: `${label}, ${variant.name}: CPU`,
        value: micros,
        unit: 'µs/event',
        ...(isBaseline ? {} : { baseline: baseMicros, ratio: micros / baseMicros }),
      })
      rows.push({
        bench: 'react',
        name: `${label}, ${variant.name}: commits`,
        value: commits,
        unit: 'commits',
        ...(isBaseline ? {} : { baseline: baseCommits, ratio: commits / baseCommits }),
        // 'sync' renders every value by design; the batched modes owe at most one commit per frame.
        ...(isBaseline || variant.name.includes('sync') ? {} : { target: `≤ 1/frame (${frames + 1})`, pass: commits <= frames + 1 }),
        note: `${renders.toLocaleString('en-US')} renders, ${Math.round(stat(mode, variant, (r) => r.wallMs))} ms`,
      })
    }
  }
  const allInOrder = [...results.values()].flat().every((r) => r.inOrder)
  rows.push({
    bench: 'react',
    name: 'listener form saw every event in order (all runs)',
    value: allInOrder ? EVENTS : 0,
    unit: 'events',
    target: `= ${EVENTS}`,
    pass: allInOrder,
  })
  for (const [name, renders] of Object.entries(statusRenders)) {
    rows.push({
      bench: 'react',
      name: `useEventSource reading status: renders per event (ids, status unchanged), ${name.replace('sse-hooks useSSEEvent', '').replace(/^, /, '').trim()}`,
      value: renders / statusEvents,
      unit: 'renders/event',
    })
  }
  report({
    bench: 'react',
    rows,
    details: {
      tiles: TILES,
      events: EVENTS,
      runs: RUNS,
      results: Object.fromEntries(results),
      useEventSourceRenders: { events: statusEvents, renders: statusRenders },
    },
  })
}

main().catch(fail)
