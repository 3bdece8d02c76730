// Medians of the repetitions, and every ratio against the floor and the peers of the same run.
import { FETCH, DEFAULT, FLOOR, FRAME_FLOOR } from './contenders.mjs'

const HAND_ROLLED = 'hand-rolled React'

export function median(values) {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b)
  if (!sorted.length) return Number.NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** A catch-up that never came counts as Infinity, so the median says "more than the cap" when most runs missed it. */
const catchUp = (run) => (run.caughtUp ? run.catchUpMs : Number.POSITIVE_INFINITY)

function summarizeRuns(runs, gzip) {
  return {
    runs: runs.length,
    busyMsPer1000: median(runs.map((run) => run.busyMsPer1000)),
    saturatedRuns: runs.filter((run) => run.saturated).length,
    fps: median(runs.map((run) => run.fps)),
    catchUpMs: median(runs.map(catchUp)),
    sent: runs[0]?.sent ?? 0,
    delivered: median(runs.map((run) => run.delivered)),
    rendered: median(runs.map((run) => run.rendered)),
    shown: median(runs.map((run) => run.shown)),
    cells: runs[0]?.cells ?? 0,
    connections: Math.max(0, ...runs.map((run) => run.connections)),
    heapMB: median(runs.map((run) => run.heapMB)),
    gzipBytes: gzip,
  }
}

/** raw: scenario → contender → runs. Resolves to scenario → contender → summary with ratios. */
export function summarize(raw, contenders, sizes) {
  const peers = Object.keys(contenders).filter((name) => contenders[name].peer)
  return Object.fromEntries(
    Object.entries(raw).map(([scenario, byContender]) => {
      const rows = Object.fromEntries(Object.entries(byContender).map(([name, runs]) => [name, summarizeRuns(runs, sizes[name])]))
      // A peer that drops events (a type it cannot receive, connections past the browser's limit)
      // does less work for that reason alone: it is no yardstick for "× fastest peer".
      // Nor is one with no run that measured anything (each of them threw).
      const yardsticks = peers.filter(
        (peer) => rows[peer].runs > 0 && !(rows[peer].delivered < rows[peer].sent) && !(rows[peer].shown < rows[peer].cells),
      )
      for (const row of Object.values(rows)) {
        row.timesFloor = row.busyMsPer1000 / rows[FLOOR].busyMsPer1000
        row.timesFrameFloor = row.busyMsPer1000 / rows[FRAME_FLOOR].busyMsPer1000
        row.timesHandRolled = row.busyMsPer1000 / rows[HAND_ROLLED].busyMsPer1000
        row.timesPeer = Object.fromEntries(peers.map((peer) => [peer, row.busyMsPer1000 / rows[peer].busyMsPer1000]))
        row.timesBestPeer = Math.max(...yardsticks.map((peer) => row.timesPeer[peer]))
        row.fastestPeers = yardsticks
      }
      // The fetch transport beside the native EventSource one, with the same components.
      if (rows[FETCH] && rows[DEFAULT]) rows[FETCH].timesNative = rows[FETCH].busyMsPer1000 / rows[DEFAULT].busyMsPer1000
      return [scenario, rows]
    }),
  )
}
