// Types of cross-tab-stats.mjs, for its test (test/bench/cross-tab-stats.test.ts).
export interface Pairing {
  readonly deltas: number[]
  readonly missing: number
}
export interface LatencyStats {
  readonly p50Ms: number
  readonly p99Ms: number
  readonly minMs: number
  readonly maxMs: number
  readonly samples: number
}
export interface TabRun {
  readonly role: string
  readonly front: boolean
  readonly arrivals: readonly number[]
  readonly busyMsPer1000: number
  readonly delivered: number
  readonly fps: number
  readonly [figure: string]: unknown
}
export interface RepInput {
  readonly shared: readonly TabRun[]
  readonly own: readonly TabRun[]
  readonly connections: number
  readonly ownConnections: number
  readonly sent: number
}
export type TabFigures = Omit<TabRun, 'arrivals'>
export interface Rep {
  readonly sent: number
  readonly connections: number
  readonly ownConnections: number
  readonly leader: TabFigures
  readonly followers: readonly (TabFigures & LatencyStats & { readonly missing: number })[]
  readonly own: readonly TabFigures[]
  readonly deltas: { readonly front: number[]; readonly behind: number[] }
}
export interface Beside {
  readonly busyMsPer1000: number
  readonly ownBusyMsPer1000: number
  readonly timesOwn: number
  readonly fps: number
  readonly ownFps: number
}
export interface Place extends LatencyStats, Beside {}
export interface CrossTabSummary {
  readonly runs: number
  readonly front: Place
  readonly behind: Place
  readonly allFollowers: LatencyStats
  readonly leader: Beside
  readonly sent: number
  readonly leastDeliveredToAFollower: number
  readonly connections: number
  readonly ownConnections: number
}

export function pairDeliveries(leader: ArrayLike<number>, follower: ArrayLike<number>): Pairing
export function percentile(values: readonly number[], p: number): number
export function latencyStats(deltas: readonly number[]): LatencyStats
export function summarizeRep(input: RepInput): Rep
export function summarizeCrossTab(reps: readonly Rep[]): CrossTabSummary
