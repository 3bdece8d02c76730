// The pure half of the cross-tab scenario: pairs what a follower's listener got with what the
// leader's got (by the event's seq), and the figures of the runs. Tested in test/bench/.
import { median } from './summarize.mjs'

/**
 * leader, follower: seq → ms when that tab's listener got event `seq` (0 or missing: never).
 * Resolves to the follower's delay over the leader for each event both got, in seq order, and
 * how many the leader got that the follower did not.
 */
export function pairDeliveries(leader, follower) {
  const deltas = []
  let missing = 0
  for (let seq = 1; seq < leader.length; seq++) {
    if (!(leader[seq] > 0)) continue
    const at = follower[seq]
    if (at > 0) deltas.push(at - leader[seq])
    else missing++
  }
  return { deltas, missing }
}

/** The nearest-rank percentile `p` (0–100) of `values`; NaN for none. */
export function percentile(values, p) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  if (!sorted.length) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** p50, p99, the extremes and the count of a list of delays (ms). */
export function latencyStats(deltas) {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const delta of deltas) {
    if (delta < min) min = delta
    if (delta > max) max = delta
  }
  return {
    p50Ms: percentile(deltas, 50),
    p99Ms: percentile(deltas, 99),
    minMs: deltas.length ? min : Number.NaN,
    maxMs: deltas.length ? max : Number.NaN,
    samples: deltas.length,
  }
}

const withoutArrivals = (tab) => {
  const figures = { ...tab }
  delete figures.arrivals
  return figures
}

/**
 * One repetition. `shared`: the tabs on one connection (crossTab), `own`: the same tabs, each with
 * a connection of its own; each tab is { role, front, arrivals, busyMsPer1000, delivered, … }, and
 * one tab of each run is `front` (the one the browser gives priority, as to the page a user looks
 * at). Resolves to the figures of each tab without its arrivals, each follower's delays over the
 * leader, and `deltas` (the delays of the follower in front and of those behind, for
 * summarizeCrossTab; too many to keep in JSON).
 */
export function summarizeRep({ shared, own, connections, ownConnections, sent }) {
  const leader = shared.find((tab) => tab.role === 'leader')
  if (!leader) throw new Error('no leader among the tabs')
  const followers = shared.filter((tab) => tab !== leader).map((tab) => ({ tab, ...pairDeliveries(leader.arrivals, tab.arrivals) }))
  const deltas = { front: [], behind: [] }
  for (const { tab, deltas: own } of followers) deltas[tab.front ? 'front' : 'behind'].push(...own)
  return {
    sent,
    connections,
    ownConnections,
    leader: withoutArrivals(leader),
    followers: followers.map(({ tab, deltas: own, missing }) => ({ ...withoutArrivals(tab), missing, ...latencyStats(own) })),
    own: own.map(withoutArrivals),
    deltas,
  }
}

/**
 * The scenario's figures over repetitions (each from summarizeRep): per place (the follower in
 * front, the followers behind it), the delays over the leader pooled over every repetition for
 * p50 and p99, main-thread time per 1,000 events as a median, and its ratio to the tabs in the
 * same place with a connection of their own, measured in the same runs, with the median fps of
 * both; the leader beside the own-connection tabs behind (where it is too).
 */
export function summarizeCrossTab(reps) {
  const followers = reps.flatMap((rep) => rep.followers)
  const own = reps.flatMap((rep) => rep.own)
  const busy = (tabs) => median(tabs.map((tab) => tab.busyMsPer1000))
  const fps = (tabs) => median(tabs.map((tab) => tab.fps))
  /** Main-thread time of `tabs` beside `baseline`, with the frame rates that explain much of it. */
  const beside = (tabs, baseline) => ({
    busyMsPer1000: busy(tabs),
    ownBusyMsPer1000: busy(baseline),
    timesOwn: busy(tabs) / busy(baseline),
    fps: fps(tabs),
    ownFps: fps(baseline),
  })
  const place = (front, deltas) => ({
    ...latencyStats(deltas),
    ...beside(
      followers.filter((tab) => tab.front === front),
      own.filter((tab) => tab.front === front),
    ),
  })
  return {
    runs: reps.length,
    front: place(
      true,
      reps.flatMap((rep) => rep.deltas.front),
    ),
    behind: place(
      false,
      reps.flatMap((rep) => rep.deltas.behind),
    ),
    allFollowers: latencyStats(reps.flatMap((rep) => [...rep.deltas.front, ...rep.deltas.behind])),
    leader: beside(
      reps.map((rep) => rep.leader),
      own.filter((tab) => !tab.front),
    ),
    sent: reps[0]?.sent ?? 0,
    /** The fewest events any follower's listener got, in any repetition. */
    leastDeliveredToAFollower: Math.min(...followers.map((tab) => tab.delivered)),
    /** The most connections the server saw for the shared tabs of one repetition, and for the others. */
    connections: Math.max(...reps.map((rep) => rep.connections)),
    ownConnections: Math.max(...reps.map((rep) => rep.ownConnections)),
  }
}
