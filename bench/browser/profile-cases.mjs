// Which cases get a CPU profile, and taking them: the sse-hooks case furthest above the floor
// (any mode), and the default's own worst case when that is another one. Pages are rebuilt
// readable (unminified, with a source map) so the profile names functions and files.
import { join } from 'node:path'
import { buildPages, slug } from './build.mjs'
import { scenarios } from './contenders.mjs'
import { measureOnce } from './measure.mjs'
import { analyzeProfile, markdownProfile } from './profile.mjs'

const DEFAULT = 'sse-hooks default'

function worst(summary, names) {
  const cases = Object.keys(summary).flatMap((scenario) => names.map((name) => ({ scenario, name })))
  return cases.reduce((a, b) => (summary[b.scenario][b.name].timesFloor > summary[a.scenario][a.name].timesFloor ? b : a))
}

export function pickCases(summary, list) {
  const ours = Object.keys(list).filter((name) => list[name].ours)
  const cases = [{ ...worst(summary, ours), why: 'the sse-hooks case furthest above the floor, any mode' }]
  if (list[DEFAULT]) {
    const byDefault = worst(summary, [DEFAULT])
    if (byDefault.name !== cases[0].name || byDefault.scenario !== cases[0].scenario) {
      cases.push({ ...byDefault, why: "the default's case furthest above the floor" })
    }
  }
  return cases
}

/** Resolves to the cases, each with its raw CPU profile and its analysis. */
export async function takeProfiles(browser, server, { summary, list, rootDir, pagesDir, log }) {
  const cases = pickCases(summary, list)
  const readable = Object.fromEntries(cases.map((c) => [c.name, list[c.name]]))
  await buildPages(rootDir, join(pagesDir, 'readable'), readable, { readable: true })
  for (const [index, c] of cases.entries()) {
    log(`profile: ${c.name}, ${c.scenario}\n`)
    const { cpuProfile } = await measureOnce(browser, server, {
      name: c.name,
      scenario: scenarios[c.scenario],
      run: `profile-${index}`,
      dir: 'readable',
      profile: true,
    })
    c.cpuProfile = cpuProfile
    c.analysis = analyzeProfile(cpuProfile, join(pagesDir, 'readable', slug(c.name), 'page.js'))
  }
  return cases
}

export function markdownProfiles(cases) {
  return cases
    .map(
      (c, index) =>
        `#### Profile ${index + 1}: ${c.name}, ${c.scenario}\n\n${c.why[0].toUpperCase()}${c.why.slice(1)}; sampled every ` +
        `0.1 ms, ${c.analysis.busySamples} busy samples; \`bench/results/browser-profile-${index + 1}.cpuprofile\`.\n\n` +
        markdownProfile(c.analysis),
    )
    .join('\n')
}
