// The contenders' part of the browser bench, from the runs to the report. The browser stays in
// run.mjs: `measure` takes one run and `analyze` reads one CPU profile, so this can be tested
// without Chromium. The figures are written to browser.json after every scenario of every
// repetition, and again before the steps that read them (profiling takes minutes, and can fail).
import { slug } from './build.mjs'
import { profileSummaries, takeProfiles } from './profile-cases.mjs'
import { reportContenders } from './report.mjs'
import { saveResults, writeProfileFiles } from './results.mjs'
import { summarize } from './summarize.mjs'
import { evaluateTargets } from './targets.mjs'

/** The summary of the scenarios every contender has a run of so far, or null while there is none. */
function summarySoFar(raw, list, sizes) {
  const complete = Object.entries(raw).filter(([, byName]) => Object.values(byName).every((runs) => runs.length > 0))
  if (!complete.length) return null
  try {
    return summarize(Object.fromEntries(complete), list, sizes)
  } catch {
    return null // a summary of a part may not be computable; the final one reports why
  }
}

/**
 * Runs every scenario `reps` times for every contender, then summarizes, profiles and reports.
 * `measure({ name, scenario, run, profile })` resolves to a run's figures (`scenario` is the
 * schedule), `prepareProfiles(cases)` builds what the profiled runs need, `analyze(cpuProfile,
 * name)` reads a profile, `machine(runs)` says where it ran. A step that fails is recorded in
 * `steps` (the run is broken); what was measured is on disk all the same.
 */
export async function runContenders(options) {
  const { list, scenarios, sizes, reps, measure, resultsDir, machine, steps, log } = options
  const names = Object.keys(list)
  const raw = Object.fromEntries(Object.keys(scenarios).map((s) => [s, Object.fromEntries(names.map((n) => [n, []]))]))
  // Null rather than absent: the merge into browser.json would keep an older run's value.
  const save = (patch) =>
    steps.attempt('writing bench/results/browser.json', () =>
      saveResults(resultsDir, { date: new Date().toISOString(), scenarios, targets: null, profiles: null, ...patch, raw }),
    )
  for (let rep = 0; rep < reps; rep++) {
    for (const [index, [scenario, schedule]] of Object.entries(scenarios).entries()) {
      log(`run ${rep + 1}/${reps}, ${scenario}: `)
      // Each repetition starts the order at a different contender, so none always goes first.
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + rep * 3) % names.length]
        const run = `r${rep}-s${index}-${slug(name)}`
        const figures = await steps.attempt(`measuring ${name}, ${scenario}, run ${rep + 1}`, () =>
          measure({ name, scenario: schedule, run, profile: false }),
        )
        if (figures) raw[scenario][name].push(figures)
        log('.')
      }
      log(` ${options.seconds()} s\n`)
      await save({
        machine: machine(`medians of the runs so far, ${rep + 1} of ${reps}`),
        partial: `measured up to run ${rep + 1} of ${reps}, ${scenario}`,
        summary: summarySoFar(raw, list, sizes),
      })
    }
  }

  const summary = await steps.attempt('summarizing the runs', () => summarize(raw, list, sizes))
  const targets = summary ? await steps.attempt('evaluating the targets', () => evaluateTargets(summary, list)) : undefined
  const done = { machine: machine(`medians of ${reps} runs`), partial: undefined, summary: summary ?? null, targets: targets ?? null }
  await save(done)
  if (!summary) return
  const { prepareProfiles: prepare, analyze } = options
  const profiles = await steps.attempt(
    'profiling',
    () => takeProfiles({ summary, list, scenarios, prepare, measure, analyze, steps, log }),
    [],
  )
  await save({ ...done, profiles: profileSummaries(profiles) })
  await steps.attempt('writing the CPU profiles', () => writeProfileFiles(resultsDir, profiles))
  await reportContenders({ ...options, summary, targets, profiles, machine: done.machine })
}
