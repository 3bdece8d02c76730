// The targets the bench reports as pass or fail (it never fails the command: it reports).
import { DEFAULT, FETCH } from './contenders.mjs'

const BURST = 'burst of 5,000 events, 100 components'
const RATE_100 = '100 components, 1,000 events/s'
const FRAME = "sse-hooks batch: 'frame'"
/** How far the default may be above the floor that writes once per frame, and fetch above native. */
const WITHIN = 1.2

const check = (target, pass, detail) => ({ target, pass, detail })
const times = (ratio) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—')
const seconds = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never (past the cap)')

export function evaluateTargets(summary, contenders) {
  const results = []
  const scenarios = Object.keys(summary)
  const atRate = scenarios.filter((scenario) => scenario.includes('events/s'))
  const burst = summary[BURST]
  const byDefault = burst?.[DEFAULT]
  if (byDefault) {
    results.push(check('default: ≥ 50 fps under the burst', byDefault.fps >= 50, `${byDefault.fps.toFixed(1)} fps`))
    results.push(check('default: catch-up after the burst ≤ 0.25 s', byDefault.catchUpMs <= 250, seconds(byDefault.catchUpMs)))
    for (const scenario of atRate) {
      const ratio = summary[scenario][DEFAULT].timesHandRolled
      results.push(check(`default: ≤ 1.2× hand-rolled React, ${scenario}`, ratio <= 1.2, `${ratio.toFixed(2)}×`))
    }
  }
  for (const scenario of scenarios) {
    const ratio = summary[scenario][DEFAULT]?.timesFrameFloor
    if (ratio !== undefined) {
      results.push(check(`default: ≤ ${WITHIN}× the floor that writes once per frame, ${scenario}`, ratio <= WITHIN, times(ratio)))
    }
  }
  for (const scenario of scenarios) {
    const ratio = summary[scenario][FETCH]?.timesNative
    if (ratio !== undefined) {
      results.push(check(`fetchTransport: ≤ ${WITHIN}× the native EventSource transport, ${scenario}`, ratio <= WITHIN, times(ratio)))
    }
  }
  const frame = summary[RATE_100]?.[FRAME]
  if (frame) results.push(check("'frame': ≤ 1× the floor, 100 components", frame.timesFloor <= 1, `${frame.timesFloor.toFixed(2)}×`))
  if (burst?.[FRAME]) results.push(check("'frame': ≥ 55 fps under the burst", burst[FRAME].fps >= 55, `${burst[FRAME].fps.toFixed(1)} fps`))

  for (const name of Object.keys(contenders).filter((key) => contenders[key].ours)) {
    // A scenario where every run of it threw says nothing either way: it is named, never counted as lost.
    const measured = scenarios.filter((scenario) => summary[scenario][name].runs > 0)
    const unmeasured = scenarios.filter((scenario) => !measured.includes(scenario))
    const noRuns = unmeasured.length ? [`no runs in: ${unmeasured.join('; ')}`] : []
    const slower = measured.filter((scenario) => !(summary[scenario][name].timesBestPeer < 1))
    results.push(
      check(
        `${name}: below every peer on busy time per 1,000 events, every scenario`,
        !slower.length && !unmeasured.length,
        [slower.length ? `not in: ${slower.join('; ')}` : 'in all measured', ...noRuns].join('; '),
      ),
    )
    const lossy = measured.filter((scenario) => {
      const row = summary[scenario][name]
      return row.delivered !== row.sent || row.shown !== row.cells
    })
    results.push(
      check(
        `${name}: 0 events lost (all delivered, every element shows the last value)`,
        !lossy.length && !unmeasured.length,
        [lossy.length ? `lost in: ${lossy.join('; ')}` : 'none lost', ...noRuns].join('; '),
      ),
    )
    if (burst?.[name])
      results.push(check(`${name}: heap after the burst ≤ 5 MB`, burst[name].heapMB <= 5, `${burst[name].heapMB.toFixed(1)} MB`))
  }
  return results
}
