// Types of pipeline.mjs, for its tests (test/bench/).
import type { Contender, Schedule } from './contenders.mjs'
import type { Steps } from './steps.mjs'

export interface Run {
  readonly name: string
  readonly scenario: Schedule
  readonly run: string
  readonly profile: boolean
}
/** What measureOnce resolves to: the figures, `saturated` when the page was cut off, `cpuProfile` when asked. */
export interface Figures {
  readonly saturated?: boolean
  readonly cpuProfile?: unknown
  readonly [figure: string]: unknown
}
export interface ProfileCase {
  readonly name: string
  readonly scenario: string
  readonly why: string
}
export interface ContendersOptions {
  readonly list: Record<string, Contender>
  readonly scenarios: Record<string, Schedule>
  readonly sizes: Record<string, number>
  readonly reps: number
  readonly measure: (run: Run) => Figures | Promise<Figures>
  readonly prepareProfiles: (cases: readonly ProfileCase[]) => unknown
  readonly analyze: (cpuProfile: unknown, name: string) => unknown
  readonly machine: (runs: string) => string
  readonly resultsDir: string
  readonly rootDir: string
  readonly steps: Steps
  readonly log: (text: string) => void
  readonly print: (text: string) => void
  readonly seconds: () => string
}
export function runContenders(options: ContendersOptions): Promise<void>
