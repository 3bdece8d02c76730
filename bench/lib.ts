// Shared by the bench entries: statistics, CPU timing and the result protocol with bench/run.mjs.

/** One line of the final table. Ratios are always against a baseline measured in the same run. */
export interface BenchRow {
  bench: string
  name: string
  value: number
  unit: string
  baseline?: number | undefined
  baselineName?: string | undefined
  /** value / baseline, unless the bench states a different ratio. */
  ratio?: number | undefined
  target?: string | undefined
  pass?: boolean | undefined
  note?: string | undefined
}

export interface BenchResult {
  bench: string
  rows: BenchRow[]
  /** Every run's raw numbers, for bench/results/latest.json. */
  details: Record<string, unknown>
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** User + system CPU microseconds of this process since `start`. */
export const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return used.user + used.system
}

declare const gc: (() => void) | undefined

/** A full collection, so one scenario's garbage is not billed to the next. Needs `node --expose-gc`. */
export const collectGarbage = (): void => {
  if (typeof gc !== 'function') throw new Error('run the benches with node --expose-gc (npm run bench)')
  gc()
}

export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Hands the result to bench/run.mjs (forked with IPC) or prints it when run by hand. */
export function report(result: BenchResult): void {
  if (process.send) process.send(result, () => process.exit(0))
  else {
    console.log(JSON.stringify(result, null, 2))
    process.exit(0)
  }
}

export const fail = (error: unknown): never => {
  console.error(error)
  process.exit(1)
}
