// The contenders' report: the tables, the targets and the profiles on the console, and the
// measured part of docs/performance-browser.md with its chart. Each piece is a step of its own: one
// that fails is named and left out, and the docs are rewritten only when every piece of them exists.
import { renderChart } from './chart.mjs'
import { writeDocs } from './docs.mjs'
import { CATCH_UP_CAP_MS } from './measure.mjs'
import { markdownProfiles } from './profile-cases.mjs'
import { markdownTables, markdownTargets } from './table.mjs'

const MISSING = '(missing: its step failed, see above)'

export async function reportContenders({ summary, targets, profiles, list, machine, rootDir, steps, log, print, seconds }) {
  const tables = await steps.attempt('writing the tables', () => markdownTables(summary, list, CATCH_UP_CAP_MS / 1000))
  const targetsMd = targets ? await steps.attempt('writing the targets', () => markdownTargets(targets)) : undefined
  const profile = await steps.attempt('writing the profiles', () => markdownProfiles(profiles))
  print(`\n${tables ?? MISSING}\n### Targets\n\n${targetsMd ?? MISSING}\n\n### CPU profile\n\n${profile ?? MISSING}`)
  print(`Measured ${machine}. Absolute times vary by machine; the ratios are what the targets assert.`)

  const svg = await steps.attempt('drawing the chart', () => renderChart(summary, list, `Measured ${machine}.`))
  const parts = { svg, machine, targets: targetsMd, tables, profile }
  if (Object.values(parts).some((part) => part === undefined)) {
    log('docs/performance-browser.{md,svg} left as they were: a part of them is missing\n')
    return
  }
  const wrote = await steps.attempt('writing docs/performance-browser.{md,svg}', () => {
    writeDocs(rootDir, parts)
    return true
  })
  if (wrote) {
    print(
      `Wrote bench/results/browser.json, bench/results/browser-profile-*.cpuprofile, docs/performance-browser.{md,svg} in ${seconds()} s`,
    )
  }
}
