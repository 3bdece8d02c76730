import { expect } from 'vitest'
import { fillStore } from './fill-store'
import { tempStore } from './helpers'
import { startDemoServer, startProcess } from './processes'

export interface ResumeLoad {
  /** How long every client took to get all its events. */
  finishedMs: number
  /** `GET /api/history` answered meanwhile, each in ms, in order. */
  latencies: number[]
}

/**
 * `npm run demo`'s server in a process of its own, on a store of `events` messages; `streams`
 * clients (in another process, so their reading slows neither) resume from the oldest id at once,
 * while this one asks for the history, as a page that just opened does, again and again.
 */
export async function measureResumeLoad(streams: number, events: number): Promise<ResumeLoad> {
  const store = tempStore()
  await fillStore(store.file, events, (n) => `${n} ${'x'.repeat(480)}`)
  const demo = await startDemoServer({ CHAT_DB: store.file, CHAT_STREAMS_PER_ADDRESS: String(streams + 10) })
  const args = ['--import', 'tsx', 'test/demo/fixtures/resume-load.ts', demo.base, String(streams), '1', String(events - 1)]
  const load = await startProcess(process.execPath, args, {}, /started/)
  const latencies: number[] = []
  try {
    // Bounded: the load ends by itself once every client has all its events.
    while (!/done \d+/.test(load.output()) && latencies.length < 2000) {
      const started = performance.now()
      const response = await fetch(`${demo.base}/api/history`)
      expect(response.status).toBe(200)
      await response.json()
      latencies.push(performance.now() - started)
    }
    const finished = /done (\d+)/.exec(load.output())
    expect(finished).not.toBeNull()
    return { finishedMs: Number(finished?.[1]), latencies }
  } finally {
    await load.stop('SIGKILL')
    await demo.stop()
    store.remove()
  }
}
