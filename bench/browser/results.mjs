// bench/results/browser.json and the CPU profiles beside it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Merges `patch` into <resultsDir>/browser.json, so a part run alone keeps the other's results. */
export function saveResults(resultsDir, patch) {
  const file = join(resultsDir, 'browser.json')
  mkdirSync(resultsDir, { recursive: true })
  let previous = {}
  try {
    if (existsSync(file)) previous = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    previous = {} // an unreadable file from a broken run is replaced
  }
  writeFileSync(file, JSON.stringify({ ...previous, ...patch }, null, 2))
}

/** Writes browser-profile-<n>.cpuprofile per case; a case without one (cut off) removes an older run's. */
export function writeProfileFiles(resultsDir, cases) {
  mkdirSync(resultsDir, { recursive: true })
  for (const [index, c] of cases.entries()) {
    const file = join(resultsDir, `browser-profile-${index + 1}.cpuprofile`)
    if (c.cpuProfile) writeFileSync(file, JSON.stringify(c.cpuProfile))
    else rmSync(file, { force: true })
  }
}
