// Which cases get a CPU profile, and taking them: the sse-hooks case furthest above the per-frame floor
// (any mode), and the default's own worst case when that is another one. The runs and the reading
// of the profiles are passed in (Chromium and the readable pages in run.mjs), so a case that is cut
// off or fails is reported and the next case still runs.
import { oneLine } from './steps.mjs'
import { markdownProfile } from './profile.mjs'

const DEFAULT = 'sse-hooks default'
const CUT_OFF = 'cut off: the page was saturated, no profile'

/** A row mostly cut off would be cut off again, and leave no profile: one that answered is the one to read. */
const answered = (row) => row.runs > 0 && row.saturatedRuns * 2 <= row.runs

function worst(summary, names) {
  const cases = Object.keys(summary).flatMap((scenario) => names.map((name) => ({ scenario, name })))
  const readable = cases.filter(({ scenario, name }) => answered(summary[scenario][name]))
  const pool = readable.length ? readable : cases
  return pool.reduce((a, b) => (summary[b.scenario][b.name].timesFrameFloor > summary[a.scenario][a.name].timesFrameFloor ? b : a))
}

export function pickCases(summary, list) {
  const ours = Object.keys(list).filter((name) => list[name].ours)
  const cases = [
    {
      ...worst(summary, ours),
      why: 'the sse-hooks case furthest above the floor that writes once per frame, any mode, of those not cut off',
    },
  ]
  if (list[DEFAULT]) {
    const byDefault = worst(summary, [DEFAULT])
    if (byDefault.name !== cases[0].name || byDefault.scenario !== cases[0].scenario) {
      cases.push({ ...byDefault, why: "the default's case furthest above that floor" })
    }
  }
  return cases
}

/**
 * Resolves to the cases, each with its raw CPU profile and its analysis, or an `outcome` saying why
 * it has none. `prepare(cases)` builds what the runs need, `measure(options)` takes one run with the
 * profiler on, `analyze(cpuProfile, name)` reads its profile; what throws is recorded in `steps`.
 */
export async function takeProfiles({ summary, list, scenarios, prepare, measure, analyze, steps, log }) {
  const cases = pickCases(summary, list)
  try {
    await prepare(cases)
  } catch (error) {
    steps.fail('profiling: building the readable pages', error)
    for (const c of cases) c.outcome = `not profiled: building its page failed (${oneLine(error)})`
    return cases
  }
  for (const [index, c] of cases.entries()) {
    const label = `profile ${index + 1} (${c.name}, ${c.scenario})`
    log(`${label}\n`)
    try {
      const run = await measure({ name: c.name, scenario: scenarios[c.scenario], run: `profile-${index}`, profile: true })
      if (run.saturated) {
        c.outcome = CUT_OFF
        log(`${label}: ${CUT_OFF}\n`)
        continue
      }
      if (!run.cpuProfile) throw new Error('the run returned no CPU profile')
      c.cpuProfile = run.cpuProfile
    } catch (error) {
      c.outcome = `no profile: taking it failed (${oneLine(error)})`
      steps.fail(`taking ${label}`, error)
      continue
    }
    try {
      c.analysis = await analyze(c.cpuProfile, c.name)
    } catch (error) {
      c.outcome = `no analysis: reading the profile failed (${oneLine(error)})`
      steps.fail(`analysing ${label}`, error)
    }
  }
  return cases
}

/** What browser.json keeps of each case (the raw profiles go to files of their own). */
export const profileSummaries = (cases) =>
  cases.map(({ name, scenario, why, analysis, outcome }) => ({ name, scenario, why, analysis, outcome }))

export function markdownProfiles(cases) {
  return cases
    .map((c, index) => {
      const file = `\`bench/results/browser-profile-${index + 1}.cpuprofile\``
      const head = `#### Profile ${index + 1}: ${c.name}, ${c.scenario}\n\n${c.why[0].toUpperCase()}${c.why.slice(1)}`
      if (!c.analysis) return `${head}; ${c.outcome}${c.cpuProfile ? `; the raw profile is in ${file}` : ''}.\n`
      return `${head}; sampled every 0.1 ms, ${c.analysis.busySamples} busy samples; ${file}.\n\n${markdownProfile(c.analysis)}`
    })
    .join('\n')
}
