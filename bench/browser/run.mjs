// `npm run bench:browser`: every contender in headless Chromium, on the same schedules, one fresh
// page per contender per repetition, then the cross-tab scenario (5 tabs on one connection).
// Prints the tables and the targets, writes bench/results/browser.json, CPU profiles of the
// slowest sse-hooks cases, and the docs page and chart. Exits 0 when a target fails: it reports;
// only a broken run (a step that failed, named on stderr) exits non-zero, with what was measured
// in the JSON all the same. BENCH_SCENARIOS=cross-tab (or =contenders) runs one part alone; it
// leaves the other part's results in the JSON and the docs as they were.
import { availableParallelism, cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildPages, slug } from './build.mjs'
import { contenders, scenarios } from './contenders.mjs'
import { runCrossTab } from './cross-tab.mjs'
import { writeCrossTabDocs } from './docs.mjs'
import { measureOnce } from './measure.mjs'
import { runContenders } from './pipeline.mjs'
import { analyzeProfile } from './profile.mjs'
import { saveResults } from './results.mjs'
import { startServer } from './server.mjs'
import { createSteps } from './steps.mjs'
import { markdownCrossTab } from './table.mjs'

const REPS = Number(process.env.BENCH_BROWSER_REPS ?? 3)
/** The parts BENCH_SCENARIOS can name (comma-separated); all of them when it is unset. */
const PARTS = ['contenders', 'cross-tab']
const wanted = (process.env.BENCH_SCENARIOS ?? PARTS.join(','))
  .split(',')
  .map((part) => part.trim())
  .filter(Boolean)
if (!wanted.length || wanted.some((part) => !PARTS.includes(part))) {
  console.error(`BENCH_SCENARIOS=${process.env.BENCH_SCENARIOS}: name one or more of ${PARTS.join(', ')}, comma-separated`)
  process.exit(2)
}
const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const resultsDir = join(rootDir, 'bench/results')
const pagesDir = join(resultsDir, '.browser')
const started = Date.now()
const seconds = () => ((Date.now() - started) / 1000).toFixed(0)
const log = (text) => process.stderr.write(text)
const steps = createSteps(log)

const server = await startServer(pagesDir)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
/** Where and when it ran, then `runs` (how the figures were taken). */
const machineOf = (runs) =>
  `on ${cpus()[0]?.model ?? 'an unknown CPU'} ×${availableParallelism()}, headless Chromium ${browser.version()}, ` +
  `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${runs}`
/** The cross-tab figures: delays pooled over every run, main-thread times their medians. */
const crossTabRuns = (runs) => `${runs} run${runs === 1 ? '' : 's'}, delays pooled over them, main-thread times their medians`
const list = contenders(rootDir)
try {
  if (wanted.includes('cross-tab')) {
    // Short, so first: its results are in the JSON (after every repetition) and the docs long
    // before the contenders finish.
    const saveCrossTab = (result) =>
      saveResults(resultsDir, {
        crossTab: { date: new Date().toISOString(), machine: machineOf(crossTabRuns(result.reps.length)), ...result },
      })
    const crossTab = await steps.attempt('the cross-tab scenario', () =>
      runCrossTab(browser, server, { rootDir, pagesDir, reps: REPS, log, onResult: saveCrossTab }),
    )
    // A run that measured nothing leaves the last results in place.
    if (crossTab?.summary) {
      saveCrossTab(crossTab)
      await steps.attempt('writing the cross-tab results to docs/performance-browser.md', () => {
        const table = markdownCrossTab(crossTab)
        const machine = machineOf(crossTabRuns(crossTab.reps.length))
        console.log(`\n### ${crossTab.scenario}\n\n${table}\n\nMeasured ${machine}.\n`)
        writeCrossTabDocs(rootDir, { machine, table })
        log('Wrote the cross-tab results to bench/results/browser.json and docs/performance-browser.md\n')
      })
    }
    if (crossTab?.stopped) log(`cross-tab: ${crossTab.stopped}\n`)
    // A cross-tab run that measured nothing is a broken run.
    if (crossTab && !crossTab.summary) steps.fail('the cross-tab scenario', 'it measured nothing')
  }
  const sizes = wanted.includes('contenders')
    ? await steps.attempt('building the pages', () => buildPages(rootDir, join(pagesDir, 'min'), list))
    : undefined
  if (sizes) {
    const readable = join(pagesDir, 'readable')
    await runContenders({
      list,
      scenarios,
      sizes,
      reps: REPS,
      measure: (run) => measureOnce(browser, server, { ...run, dir: run.profile ? 'readable' : 'min' }),
      // Readable (unminified, with a source map), so the profile names functions and files.
      prepareProfiles: (cases) =>
        buildPages(rootDir, readable, Object.fromEntries(cases.map((c) => [c.name, list[c.name]])), { readable: true }),
      analyze: (cpuProfile, name) => analyzeProfile(cpuProfile, join(readable, slug(name), 'page.js')),
      machine: machineOf,
      resultsDir,
      rootDir,
      steps,
      log,
      print: console.log,
      seconds,
    })
  }
} finally {
  await browser.close()
  await server.close()
}
if (steps.failures.length) {
  process.exitCode = 1
  const failed = steps.failures.map((failure) => failure.step).join('; ')
  log(
    `Broken run after ${seconds()} s: ${steps.failures.length} step(s) failed (${failed}); what was measured is in bench/results/browser.json\n`,
  )
} else if (!wanted.includes('contenders')) {
  console.log(`Done in ${seconds()} s`)
}
