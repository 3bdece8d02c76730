// `npm run bench:browser`: every contender in headless Chromium, on the same schedules, one fresh
// page per contender per repetition. Prints the tables and the targets, writes
// bench/results/browser.json, CPU profiles of the slowest sse-hooks cases, and the docs page
// and chart. Exits 0 when a target fails: it reports; only a broken run exits non-zero.
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildPages, slug } from './build.mjs'
import { renderChart } from './chart.mjs'
import { contenders, scenarios } from './contenders.mjs'
import { writeDocs } from './docs.mjs'
import { CATCH_UP_CAP_MS, measureOnce } from './measure.mjs'
import { markdownProfiles, takeProfiles } from './profile-cases.mjs'
import { startServer } from './server.mjs'
import { summarize } from './summarize.mjs'
import { markdownTables, markdownTargets } from './table.mjs'
import { evaluateTargets } from './targets.mjs'

const REPS = Number(process.env.BENCH_BROWSER_REPS ?? 3)
const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const resultsDir = join(rootDir, 'bench/results')
const pagesDir = join(resultsDir, '.browser')
const started = Date.now()
const log = (text) => process.stderr.write(text)

const list = contenders(rootDir)
const names = Object.keys(list)
const sizes = await buildPages(rootDir, join(pagesDir, 'min'), list)
const server = await startServer(pagesDir)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const raw = Object.fromEntries(Object.keys(scenarios).map((s) => [s, Object.fromEntries(names.map((n) => [n, []]))]))
let summary, targets, profiles
try {
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
} finally {
  await browser.close()
  await server.close()
}

const machine =
  `on ${cpus()[0]?.model ?? 'an unknown CPU'} ×${availableParallelism()}, headless Chromium ${browser.version()}, ` +
  `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; medians of ${REPS} runs`
const tables = markdownTables(summary, list, CATCH_UP_CAP_MS / 1000)
const targetsMd = markdownTargets(targets)
const profileMd = markdownProfiles(profiles)
console.log(`\n${tables}\n### Targets\n\n${targetsMd}\n\n### CPU profile\n\n${profileMd}`)
console.log(`Measured ${machine}. Absolute times vary by machine; the ratios are what the targets assert.`)

mkdirSync(resultsDir, { recursive: true })
const profileSummaries = profiles.map(({ name, scenario, why, analysis }) => ({ name, scenario, why, analysis }))
writeFileSync(join(resultsDir, 'browser.json'), JSON.stringify({ date: new Date().toISOString(), machine, scenarios, summary, targets, profiles: profileSummaries, raw }, null, 2))
profiles.forEach((p, i) => writeFileSync(join(resultsDir, `browser-profile-${i + 1}.cpuprofile`), JSON.stringify(p.cpuProfile)))
writeDocs(rootDir, {
  svg: renderChart(summary, list, `Measured ${machine}.`), machine, targets: targetsMd, tables, profile: profileMd,
})
console.log(`Wrote bench/results/browser.json, bench/results/browser-profile-*.cpuprofile, docs/performance-browser.{md,svg} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
