// `npm run bench:browser`: every contender in headless Chromium, on the same schedules, one fresh
// page per contender per repetition, then the cross-tab scenario (5 tabs on one connection).
// Prints the tables and the targets, writes bench/results/browser.json, CPU profiles of the
// slowest sse-hooks cases, and the docs page and chart. Exits 0 when a target fails: it reports;
// only a broken run exits non-zero. BENCH_SCENARIOS=cross-tab (or =contenders) runs one part
// alone; it leaves the other part's results in the JSON and the docs as they were.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildPages, slug } from './build.mjs'
import { renderChart } from './chart.mjs'
import { contenders, scenarios } from './contenders.mjs'
import { runCrossTab } from './cross-tab.mjs'
import { writeCrossTabDocs, writeDocs } from './docs.mjs'
import { CATCH_UP_CAP_MS, measureOnce } from './measure.mjs'
import { markdownProfiles, takeProfiles } from './profile-cases.mjs'
import { startServer } from './server.mjs'
import { summarize } from './summarize.mjs'
import { markdownCrossTab, markdownTables, markdownTargets } from './table.mjs'
import { evaluateTargets } from './targets.mjs'

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
const resultsFile = join(resultsDir, 'browser.json')
const pagesDir = join(resultsDir, '.browser')
const started = Date.now()
const log = (text) => process.stderr.write(text)

/** Merges `patch` into bench/results/browser.json, so a part run alone keeps the other's results. */
function saveResults(patch) {
  mkdirSync(resultsDir, { recursive: true })
  let previous = {}
  try {
    if (existsSync(resultsFile)) previous = JSON.parse(readFileSync(resultsFile, 'utf8'))
  } catch {
    previous = {} // an unreadable file from a broken run is replaced
  }
  writeFileSync(resultsFile, JSON.stringify({ ...previous, ...patch }, null, 2))
}

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
const names = Object.keys(list)
const raw = Object.fromEntries(Object.keys(scenarios).map((s) => [s, Object.fromEntries(names.map((n) => [n, []]))]))
let sizes, summary, targets, profiles, crossTab
try {
  if (wanted.includes('cross-tab')) {
    // Short, so first: its results are in the JSON (after every repetition) and the docs long
    // before the contenders finish.
    const saveCrossTab = (result) =>
      saveResults({ crossTab: { date: new Date().toISOString(), machine: machineOf(crossTabRuns(result.reps.length)), ...result } })
    crossTab = await runCrossTab(browser, server, { rootDir, pagesDir, reps: REPS, log, onResult: saveCrossTab })
    // A run that measured nothing leaves the last results in place.
    if (crossTab.summary) saveCrossTab(crossTab)
    if (crossTab.summary) {
      const table = markdownCrossTab(crossTab)
      const machine = machineOf(crossTabRuns(crossTab.reps.length))
      console.log(`\n### ${crossTab.scenario}\n\n${table}\n\nMeasured ${machine}.\n`)
      writeCrossTabDocs(rootDir, { machine, table })
      log('Wrote the cross-tab results to bench/results/browser.json and docs/performance-browser.md\n')
    }
    if (crossTab.stopped) log(`cross-tab: ${crossTab.stopped}\n`)
  }
  if (wanted.includes('contenders')) {
    sizes = await buildPages(rootDir, join(pagesDir, 'min'), list)
    for (let rep = 0; rep < REPS; rep++) {
      for (const [index, [scenario, schedule]] of Object.entries(scenarios).entries()) {
        log(`run ${rep + 1}/${REPS}, ${scenario}: `)
        // Each repetition starts the order at a different contender, so none always goes first.
        for (let k = 0; k < names.length; k++) {
          const name = names[(k + rep * 3) % names.length]
          const run = `r${rep}-s${index}-${slug(name)}`
          raw[scenario][name].push(await measureOnce(browser, server, { name, scenario: schedule, run }))
          log('.')
        }
        log(` ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
      }
    }
    summary = summarize(raw, list, sizes)
    targets = evaluateTargets(summary, list)
    profiles = await takeProfiles(browser, server, { summary, list, rootDir, pagesDir, log })
  }
} finally {
  await browser.close()
  await server.close()
}
// A cross-tab run that measured nothing is a broken run.
if (crossTab && !crossTab.summary) process.exitCode = 1
if (summary) reportContenders()
else console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`)

function reportContenders() {
  const machine = machineOf(`medians of ${REPS} runs`)
  const tables = markdownTables(summary, list, CATCH_UP_CAP_MS / 1000)
  const targetsMd = markdownTargets(targets)
  const profileMd = markdownProfiles(profiles)
  console.log(`\n${tables}\n### Targets\n\n${targetsMd}\n\n### CPU profile\n\n${profileMd}`)
  console.log(`Measured ${machine}. Absolute times vary by machine; the ratios are what the targets assert.`)

  const profileSummaries = profiles.map(({ name, scenario, why, analysis }) => ({ name, scenario, why, analysis }))
  saveResults({ date: new Date().toISOString(), machine, scenarios, summary, targets, profiles: profileSummaries, raw })
  profiles.forEach((p, i) => writeFileSync(join(resultsDir, `browser-profile-${i + 1}.cpuprofile`), JSON.stringify(p.cpuProfile)))
  writeDocs(rootDir, {
    svg: renderChart(summary, list, `Measured ${machine}.`),
    machine,
    targets: targetsMd,
    tables,
    profile: profileMd,
  })
  console.log(
    `Wrote bench/results/browser.json, bench/results/browser-profile-*.cpuprofile, docs/performance-browser.{md,svg} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
}
