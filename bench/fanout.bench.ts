// (1) Fan-out CPU per message through a real local SSE server and the `eventsource` package.
// The server is a separate process, so process.cpuUsage() here is the client's cost alone:
// transport parsing, dispatch, decoding and the listeners.
import { fork, type ChildProcess } from 'node:child_process'
import { setMaxListeners } from 'node:events'
import { fileURLToPath } from 'node:url'
import { EventSource } from 'eventsource'
import { SSEClient } from '../src/index'
import type { EventSourceConstructor, SSEParser } from '../src/index'
import { collectGarbage, cpuSince, fail, median, report, sleep, type BenchResult, type BenchRow } from './lib'

const RUNS = 7
const SLICES = 8
const WARMUP_BURSTS = 4
const WARMUP_MESSAGES = 2000
/** Each timed burst is sized to cost about this much CPU, so cheap scenarios are not lost in noise. */
const RUN_CPU_MICROS = 80_000
const MIN_MESSAGES = 1000
const MAX_MESSAGES = 50_000
const COUNT_MESSAGES = 200

interface Tick {
  seq: number
}

interface Scenario {
  name: string
  path: string
  /** Listener invocations per message: the burst is done when the last message reached all of them. */
  calls: number
  connect(url: string): Promise<void>
  close(): Promise<void>
}

let lastSeq = -1
let arrivals = 0
let onLastArrived: () => void = () => {}
let sink = 0
const arrived = (seq: number) => {
  sink ^= seq
  if (seq === lastSeq && --arrivals === 0) onLastArrived()
}

const opened = (source: EventSource): Promise<void> =>
  new Promise((resolve, reject) => {
    source.addEventListener('open', () => resolve(), { once: true })
    source.addEventListener('error', (event) => reject(new Error(`stream failed: ${String(event.message)}`)), { once: true })
  })

/** N raw EventSources, each with `listeners` listeners that JSON.parse the data themselves. */
function rawScenario(name: string, sources: number, listeners: number): Scenario {
  const opens: EventSource[] = []
  return {
    name,
    path: `/s/${name.replace(/\W+/g, '-')}`,
    calls: sources * listeners,
    async connect(url) {
      for (let s = 0; s < sources; s++) {
        const source = new EventSource(url)
        setMaxListeners(listeners + 2, source)
        for (let l = 0; l < listeners; l++) {
          source.addEventListener('tick', (event) => arrived((JSON.parse(event.data) as Tick).seq))
        }
        opens.push(source)
      }
      await Promise.all(opens.map(opened))
    },
    async close() {
      for (const source of opens) source.close()
    },
  }
}

/** One SSEClient stream with `subscribers` listener-form subscribers of one event type. */
function sseHooksScenario(name: string, subscribers: number, parse?: SSEParser): Scenario {
  const client = new SSEClient({ EventSource: EventSource as EventSourceConstructor })
  const unsubscribes: (() => void)[] = []
  let streamUrl = ''
  return {
    name,
    path: `/s/${name.replace(/\W+/g, '-')}`,
    calls: subscribers,
    async connect(url) {
      streamUrl = url
      for (let i = 0; i < subscribers; i++) {
        unsubscribes.push(client.subscribe<'tick', Tick>(url, 'tick', (tick) => arrived(tick.seq), parse ? { parse } : {}))
      }
      // Wait for the open, then stop listening to state: a state listener would run on every event id.
      let stop = () => {}
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          const { status, error } = client.getSnapshot(url)
          if (status === 'open') resolve()
          else if (status === 'closed') reject(error ?? new Error('stream closed'))
        }
        stop = client.subscribeState(url, check)
        check()
      })
      stop()
    },
    async close() {
      client.close(streamUrl)
      for (const unsubscribe of unsubscribes) unsubscribe()
      await sleep(150) // the grace period (closeDelay 100 ms) before the connection is disposed
      if (client.getStats().connections !== 0) throw new Error(`${name}: a connection survived close`)
    },
  }
}

async function main() {
  const serverScript = process.env.BENCH_SSE_SERVER ?? fileURLToPath(new URL('../../sse-server.mjs', import.meta.url))
  const server = fork(serverScript, { stdio: 'inherit' })
  const port = await new Promise<number>((resolve) => server.once('message', (message: { port: number }) => resolve(message.port)))
  const request = <T>(child: ChildProcess, message: object, answer: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (reply: { type: string }) => {
        if (reply.type !== answer) return
        child.off('message', onMessage)
        resolve(reply as T)
      }
      child.on('message', onMessage)
      child.send(message)
    })

  let nextSeq = 1
  /** Sends `count` events to `scenario`'s clients and resolves when the last reached every listener. */
  const burst = async (scenario: Scenario, count: number): Promise<number> => {
    const from = nextSeq
    nextSeq += count
    lastSeq = from + count - 1
    arrivals = scenario.calls
    const done = new Promise<void>((resolve) => (onLastArrived = resolve))
    const start = process.cpuUsage()
    server.send({ type: 'burst', path: scenario.path, from, count })
    await done
    return cpuSince(start) / count
  }

  const baseline = rawScenario('raw EventSource + JSON.parse (baseline)', 1, 1)
  const ours = [1, 100, 1000].map((n) => sseHooksScenario(`sse-hooks, ${n} subscriber${n > 1 ? 's' : ''}`, n))
  const naive = [rawScenario('naive: 1 EventSource, 100 listeners parsing', 1, 100), rawScenario('naive: 100 EventSources', 100, 1)]
  const timed = [baseline, ...ours, ...naive]
  let decodes = 0
  const countingParse: SSEParser = (data) => {
    decodes++
    return JSON.parse(data)
  }
  const customParse = sseHooksScenario('sse-hooks, 100 subscribers sharing a parse option', 100, countingParse)

  let result: BenchResult
  try {
    for (const scenario of [...timed, customParse]) {
      await scenario.connect(`http://127.0.0.1:${port}${scenario.path}`)
      const { count } = await request<{ count: number }>(server, { type: 'clients', path: scenario.path }, 'clients')
      if (count === 0) throw new Error(`${scenario.name}: the server sees no client`)
    }

    // Warm-up until the JIT has optimised the transport, sse-hooks and the listeners: the compiler
    // threads' CPU counts in process.cpuUsage() and would otherwise dominate the first bursts.
    const messages = new Map<Scenario, number>()
    for (const scenario of timed) {
      const costs: number[] = []
      for (let i = 0; i < WARMUP_BURSTS; i++) costs.push(await burst(scenario, WARMUP_MESSAGES))
      const perMessage = median(costs.slice(1))
      messages.set(scenario, Math.round(Math.min(MAX_MESSAGES, Math.max(MIN_MESSAGES, RUN_CPU_MICROS / perMessage))))
    }
    // One more untimed round: code shared by the scenarios (the transport) settles after all ran.
    for (const scenario of timed) await burst(scenario, messages.get(scenario) as number)
    collectGarbage()
    // On a shared machine the speed of everything drifts with the neighbours' load within tenths
    // of a second, so each run of a scenario is interleaved, slice by slice, with a run of the
    // baseline, and its ratio is taken against that baseline run.
    const cpu = new Map<Scenario, number[]>(timed.map((scenario) => [scenario, []]))
    const pairedRatios = new Map<Scenario, number[]>(timed.map((scenario) => [scenario, []]))
    const sliceOf = (scenario: Scenario) => Math.max(1, Math.round((messages.get(scenario) as number) / SLICES))
    for (let run = 0; run < RUNS; run++) {
      for (const scenario of timed) {
        if (scenario === baseline) continue
        let baseMicros = 0
        let scenarioMicros = 0
        for (let slice = 0; slice < SLICES; slice++) {
          baseMicros += (await burst(baseline, sliceOf(baseline))) * sliceOf(baseline)
          scenarioMicros += (await burst(scenario, sliceOf(scenario))) * sliceOf(scenario)
        }
        const base = baseMicros / (sliceOf(baseline) * SLICES)
        const value = scenarioMicros / (sliceOf(scenario) * SLICES)
        cpu.get(baseline)?.push(base)
        cpu.get(scenario)?.push(value)
        pairedRatios.get(scenario)?.push(value / base)
      }
    }

    // Decodes per message: every JSON.parse in this process while a burst is delivered.
    const decodeCounts: Record<string, number> = {}
    const realParse = JSON.parse
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      decodes++
      return realParse(text, reviver)
    }) as typeof JSON.parse
    try {
      for (const scenario of [baseline, ...ours, ...naive]) {
        decodes = 0
        await burst(scenario, COUNT_MESSAGES)
        decodeCounts[scenario.name] = decodes / COUNT_MESSAGES
      }
    } finally {
      JSON.parse = realParse
    }
    decodes = 0
    await burst(customParse, COUNT_MESSAGES)
    decodeCounts[customParse.name] = decodes / COUNT_MESSAGES

    // Subscribe + unsubscribe on an open stream: the per-subscriber cost outside the event path.
    const subscribeClient = new SSEClient({ EventSource: EventSource as EventSourceConstructor })
    const subscribeUrl = `http://127.0.0.1:${port}/s/subscribe-cost`
    const keepOpen = subscribeClient.subscribeState(subscribeUrl, () => {})
    const subscribeCost: number[] = []
    for (let run = 0; run < RUNS; run++) {
      collectGarbage()
      const start = process.cpuUsage()
      const unsubscribes = Array.from({ length: 1000 }, () => subscribeClient.subscribe(subscribeUrl, 'tick', () => {}))
      for (const unsubscribe of unsubscribes) unsubscribe()
      subscribeCost.push(cpuSince(start) / 1000)
    }
    subscribeClient.close(subscribeUrl)
    keepOpen()

    const medians = new Map(timed.map((scenario) => [scenario, median(cpu.get(scenario) ?? [])]))
    const base = medians.get(baseline) as number
    const rows: BenchRow[] = timed.map((scenario) => {
      const value = medians.get(scenario) as number
      const ratio = median(pairedRatios.get(scenario) ?? [])
      const isHundred = scenario === ours[1]
      return {
        bench: 'fan-out',
        name: scenario.name,
        value,
        unit: 'µs CPU/msg',
        ...(scenario === baseline ? { note: `${RUNS * (timed.length - 1)} runs` } : { baseline: base, ratio }),
        ...(isHundred ? { target: '≤ 2.5× baseline', pass: ratio <= 2.5 } : {}),
      }
    })
    const one = medians.get(ours[0] as Scenario) as number
    const thousand = medians.get(ours[2] as Scenario) as number
    rows.push({
      bench: 'fan-out',
      name: 'sse-hooks: cost of one more subscriber',
      value: ((thousand - one) / 999) * 1000,
      unit: 'ns CPU/msg/sub',
      note: '(1000 subs − 1 sub) / 999',
    })
    for (const scenario of [...ours, customParse]) {
      const perMessage = decodeCounts[scenario.name] as number
      rows.push({
        bench: 'fan-out',
        name: `decodes per message, ${scenario.name}`,
        value: perMessage,
        unit: 'decodes/msg',
        target: '= 1',
        pass: perMessage === 1,
      })
    }
    rows.push({
      bench: 'fan-out',
      name: 'sse-hooks: subscribe + unsubscribe, open stream',
      value: median(subscribeCost),
      unit: 'µs CPU/sub',
    })

    result = {
      bench: 'fan-out',
      rows,
      details: {
        messagesPerRun: Object.fromEntries(timed.map((scenario) => [scenario.name, messages.get(scenario)])),
        runs: RUNS,
        cpuMicrosPerMessage: Object.fromEntries(timed.map((scenario) => [scenario.name, cpu.get(scenario)])),
        ratiosToTheBaselineRunJustBefore: Object.fromEntries(timed.map((scenario) => [scenario.name, pairedRatios.get(scenario)])),
        decodesPerMessage: decodeCounts,
        subscribeMicros: subscribeCost,
        sink,
      },
    }
  } finally {
    for (const scenario of [...timed, customParse]) await scenario.close()
    await new Promise((resolve) => {
      server.once('exit', resolve)
      server.send({ type: 'close' })
    })
  }
  report(result)
}

main().catch(fail)
