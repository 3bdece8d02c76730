// Types of what the bench's tests (test/bench/) use of contenders.mjs.
export interface Contender {
  readonly entry: string
  readonly ours?: boolean
  readonly peer?: boolean
  readonly batch?: string
}
/** `cells` elements per type, `total` events over `types`, at `rate` per second (0: all at once). */
export interface Schedule {
  readonly cells: number
  readonly types: number
  readonly total: number
  readonly rate: number
}
export function contenders(rootDir: string): Record<string, Contender>
export const scenarios: Record<string, Schedule>
