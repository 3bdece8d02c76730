/* global window */
// One contender, one scenario, one fresh page: mounts, waits for its connection, plays the
// schedule, waits for the catch-up, and reads Chromium's own counters over CDP.
import { slug } from './build.mjs'

const SETTLE_MS = 200
export const CATCH_UP_CAP_MS = 1500
const MIN_WINDOW_MS = 1000
const CUT_OFF_MS = 500
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function metric(cdp, name) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((entry) => entry.name === name)?.value ?? Number.NaN
}

/** A page that never answered: its main thread was busy from the start to the cut-off, at least. */
function saturated(scenario, startedAt, connections) {
  const wallMs = Date.now() - startedAt
  return {
    busyMsPer1000: (wallMs * 1000) / scenario.total,
    saturated: true,
    fps: Number.NaN,
    sent: scenario.total,
    delivered: Number.NaN,
    rendered: Number.NaN,
    shown: Number.NaN,
    cells: scenario.cells * scenario.types,
    catchUpMs: null,
    caughtUp: false,
    connections,
    heapMB: Number.NaN,
  }
}

/** How long the schedule takes to send, in ms (a burst is sent at once). */
export const scheduleMs = (scenario) => (scenario.rate ? (scenario.total / scenario.rate) * 1000 : 0)

/**
 * Resolves to the run's figures; with `profile: true`, also the CPU profile (CDP Profiler) of the
 * schedule and the catch-up.
 */
export async function measureOnce(browser, server, { name, scenario, run, dir = 'min', profile = false }) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const query = new URLSearchParams({
      stream: `/events/${run}`,
      types: String(scenario.types),
      cells: String(scenario.cells),
      total: String(scenario.total),
    })
    await page.goto(`${server.origin}/${dir}/${slug(name)}/?${query}`)
    await page.waitForFunction(() => window.__benchReady === true, undefined, { timeout: 20_000 })
    for (let waited = 0; server.connections(run) === 0 && waited < 3000; waited += 20) await sleep(20)
    await sleep(SETTLE_MS)

    if (profile) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      await cdp.send('Profiler.start')
    }
    const busyBefore = await metric(cdp, 'TaskDuration')
    await page.evaluate(() => window.__bench.start())
    const startedAt = Date.now()
    const lastSentAt = await server.play(run, scenario)
    const capMs = scheduleMs(scenario) + CATCH_UP_CAP_MS
    const finished = page.evaluate(([cap, min]) => window.__bench.finish(cap, min), [capMs, MIN_WINDOW_MS])
    // A page too busy to run even its own timer is cut off here, and counted as busy the whole time.
    const result = await Promise.race([finished, sleep(capMs + CUT_OFF_MS).then(() => null)])
    finished.catch(() => {}) // rejected when the cut-off closes the page
    if (!result) {
      const cut = saturated(scenario, startedAt, server.connections(run))
      server.end(run)
      return cut
    }
    const busyAfter = await metric(cdp, 'TaskDuration')
    const cpuProfile = profile ? (await cdp.send('Profiler.stop')).profile : undefined
    const connections = server.connections(run)
    server.end(run)

    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return {
      busyMsPer1000: ((busyAfter - busyBefore) * 1000 * 1000) / scenario.total,
      fps: (result.frames * 1000) / result.elapsedMs,
      sent: scenario.total,
      delivered: result.delivered,
      rendered: result.rendered,
      shown: result.shown,
      cells: result.cells,
      catchUpMs: result.doneAt === null ? null : Math.max(0, result.doneAt - lastSentAt),
      caughtUp: result.doneAt !== null,
      connections,
      heapMB: usedSize / 1024 / 1024,
      cpuProfile,
    }
  } finally {
    await context.close()
  }
}
