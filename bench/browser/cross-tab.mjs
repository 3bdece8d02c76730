/* global window */
// The cross-tab scenario of the browser bench: 5 pages in one browser context share one
// connection through crossTab(), on the schedule the other scenarios use (1,000 events/s). The
// baseline, in the same run and a fresh context: the same 5 pages (same components, same
// schedule) each with a connection of its own. Each page stamps when its listener got each event
// (by seq, on the clock the pages share); a follower's extra latency is its stamp minus the
// leader's. The browser gives one tab priority (the one in front, as the page a user looks at;
// the others' renderers run at a lower OS priority and miss frames on 2 cores), so main-thread
// times are compared place by place: the follower in front with the own-connection tab in front,
// those behind with those behind.
// Bounded: no repetition starts unless it fits in the time budget, and every wait has a timeout
// within it.
import { join } from 'node:path'
import { buildPages, slug } from './build.mjs'
import { summarizeCrossTab, summarizeRep } from './cross-tab-stats.mjs'
import { CATCH_UP_CAP_MS, scheduleMs } from './measure.mjs'

export const CROSS_TAB = '5 tabs of one browser context on one connection (crossTab), 100 components each, 1,000 events/s'
export const crossTabSchedule = { tabs: 5, cells: 100, types: 1, total: 1500, rate: 1000 }

const SHARED = 'sse-hooks cross-tab'
const OWN = 'sse-hooks own connection'
const page = './bench/browser/page/cross-tab.tsx'
/** The two pages: the same components; one passes crossTab() to its SSEProvider, the other nothing. */
export const crossTabPages = {
  [SHARED]: { entry: `import { crossTab } from './src/cross-tab/index'\nimport { mount } from '${page}'\nmount(crossTab())` },
  [OWN]: { entry: `import { mount } from '${page}'\nmount()` },
}

const DIR = 'cross-tab'
const SETTLE_MS = 300
const MIN_WINDOW_MS = 1000
const CUT_OFF_MS = 500
const PAGE_TIMEOUT_MS = 10_000
const ROLES_TIMEOUT_MS = 5000
const BUDGET_MS = 100_000
/** A repetition is not started unless this much of the budget is left, or 1.5× the longest so far. */
const FIRST_REP_MS = 25_000
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A deadline `ms` from now, and `within(promise, ms, what)`: the promise, or a rejection once `ms` (or the budget) has passed. */
function budget(ms) {
  const deadline = Date.now() + ms
  const left = () => deadline - Date.now()
  const within = (promise, wait, what) => {
    const ms = Math.max(0, Math.min(wait, left()))
    let timer
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)
    })
    return Promise.race([promise, late]).finally(() => clearTimeout(timer))
  }
  return { left, within }
}

async function metric(cdp, name) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((entry) => entry.name === name)?.value ?? Number.NaN
}

/**
 * Opens `count` pages of `name` in one fresh context, all on the stream of `run`; waits until they
 * are connected (shared: one leader, every other tab following it), brings a follower (the last
 * page) to the front, and plays the schedule once. Resolves to each page's figures and arrivals,
 * and the connections the server saw.
 */
async function playTabs(browser, server, { name, count, run, shared, time }) {
  const { within } = time
  const context = await browser.newContext()
  try {
    const { cells, total } = crossTabSchedule
    const query = new URLSearchParams({ stream: `/events/${run}`, types: '1', cells: String(cells), total: String(total) })
    const tabs = []
    for (let i = 0; i < count; i++) {
      const tab = await context.newPage()
      const cdp = await context.newCDPSession(tab)
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
      await within(tab.goto(`${server.origin}/${DIR}/${slug(name)}/?${query}`), PAGE_TIMEOUT_MS, `${name}, page ${i + 1}: loading`)
      await within(
        tab.waitForFunction(() => window.__benchReady === true),
        PAGE_TIMEOUT_MS,
        `${name}, page ${i + 1}: mounting`,
      )
      tabs.push({ tab, cdp })
    }
    const roles = () => Promise.all(tabs.map(({ tab }) => tab.evaluate(() => window.__crossTab.role())))
    const connected = async () => {
      for (;;) {
        const now = await roles()
        const leaders = now.filter((r) => r.role === 'leader')
        const ok = shared
          ? leaders.length === 1 && leaders[0].tabs === count && now.filter((r) => r.role === 'follower').length === count - 1
          : now.every((r) => r.role === 'own') && server.connections(run) >= count
        if (ok && server.connections(run) >= 1) return now
        await sleep(50)
      }
    }
    const what = shared ? 'one leader and the others following it' : 'a connection each'
    const at = await within(connected(), ROLES_TIMEOUT_MS, `${name}: waiting for ${what}`)
    const front = at.findLastIndex((r) => r.role !== 'leader')
    await tabs[front].tab.bringToFront()
    await sleep(SETTLE_MS)

    const before = await Promise.all(tabs.map(({ cdp }) => metric(cdp, 'TaskDuration')))
    await Promise.all(tabs.map(({ tab }) => tab.evaluate(() => window.__bench.start())))
    const lastSentAt = await server.play(run, crossTabSchedule)
    const capMs = scheduleMs(crossTabSchedule) + CATCH_UP_CAP_MS
    const results = await within(
      Promise.all(tabs.map(({ tab }) => tab.evaluate(([cap, min]) => window.__bench.finish(cap, min), [capMs, MIN_WINDOW_MS]))),
      capMs + MIN_WINDOW_MS + CUT_OFF_MS,
      `${name}: the catch-up`,
    )
    const after = await Promise.all(tabs.map(({ cdp }) => metric(cdp, 'TaskDuration')))
    const arrivals = await Promise.all(tabs.map(({ tab }) => tab.evaluate(() => window.__crossTab.arrivals())))
    const connections = server.connections(run)
    server.end(run)
    return {
      connections,
      tabs: tabs.map((_, i) => ({
        role: at[i].role,
        front: i === front,
        busyMsPer1000: ((after[i] - before[i]) * 1000 * 1000) / total,
        delivered: arrivals[i].filter((ms) => ms > 0).length,
        shown: results[i].shown,
        cells: results[i].cells,
        fps: (results[i].frames * 1000) / results[i].elapsedMs,
        catchUpMs: results[i].doneAt === null ? null : Math.max(0, results[i].doneAt - lastSentAt),
        arrivals: arrivals[i],
      })),
    }
  } finally {
    await context.close()
  }
}

/**
 * Builds the two pages (into <pagesDir>/cross-tab, which the server serves), runs `reps`
 * repetitions within the budget, and calls `onResult` with the result so far after each one.
 * Resolves to { scenario, schedule, summary, reps, gzipBytes, stopped } (stopped: why it ran fewer).
 */
export async function runCrossTab(browser, server, { rootDir, pagesDir, reps, log, onResult = () => {}, budgetMs = BUDGET_MS }) {
  const time = budget(budgetMs)
  const gzipBytes = await buildPages(rootDir, join(pagesDir, DIR), crossTabPages)
  const done = []
  let stopped = null
  let longest = 0
  const result = () => ({
    scenario: CROSS_TAB,
    schedule: crossTabSchedule,
    summary: done.length ? summarizeCrossTab(done) : null,
    reps: done.map((rep) => {
      const figures = { ...rep }
      delete figures.deltas // every event's delay: the summary has their percentiles
      return figures
    }),
    gzipBytes,
    stopped,
  })
  for (let rep = 0; rep < reps; rep++) {
    if (time.left() < Math.max(longest * 1.5, FIRST_REP_MS)) {
      stopped = `out of time (budget ${budgetMs / 1000} s): ran ${rep} of ${reps} repetitions`
      log(`cross-tab: stopping, ${stopped}\n`)
      break
    }
    const began = Date.now()
    log(`run ${rep + 1}/${reps}, cross-tab: `)
    try {
      // The baseline goes first in every other repetition, so neither always finds the browser warmer.
      const order = rep % 2 ? ['shared', 'own'] : ['own', 'shared']
      const played = {}
      for (const which of order) {
        const shared = which === 'shared'
        const name = shared ? SHARED : OWN
        played[which] = await playTabs(browser, server, { name, count: crossTabSchedule.tabs, run: `x${rep}-${which}`, shared, time })
        log('.')
      }
      done.push(
        summarizeRep({
          shared: played.shared.tabs,
          own: played.own.tabs,
          connections: played.shared.connections,
          ownConnections: played.own.connections,
          sent: crossTabSchedule.total,
        }),
      )
    } catch (error) {
      stopped = `run ${rep + 1} failed: ${error instanceof Error ? error.message : String(error)}`
      log(`\ncross-tab: stopping, ${stopped}\n`)
      break
    }
    const took = Date.now() - began
    longest = Math.max(longest, took)
    log(` ${(took / 1000).toFixed(1)} s\n`)
    onResult(result())
  }
  return result()
}
