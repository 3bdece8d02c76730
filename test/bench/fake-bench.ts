// The contenders' part of the browser bench without a browser: runContenders over the real
// contenders and scenarios, with made-up runs (at once) and a temporary directory for the results
// and the docs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach } from 'vitest'
import { contenders, scenarios } from '../../bench/browser/contenders.mjs'
import { runContenders, type ContendersOptions, type Figures, type Run } from '../../bench/browser/pipeline.mjs'
import { createSteps } from '../../bench/browser/steps.mjs'

export const list = contenders(fileURLToPath(new URL('../..', import.meta.url)))
const names = Object.keys(list)
export const [first = '', second = ''] = Object.keys(scenarios)
export const DEFAULT = 'sse-hooks default'
/** Another sse-hooks mode: its case in `first` is the worst, the default's in `second` its own worst, so two cases are profiled. */
export const worstMode = names.find((name) => list[name]?.ours && name !== DEFAULT) ?? ''
export const PROFILE = { nodes: [{ id: 1, callFrame: { functionName: '(root)' } }], samples: [] }
export const ANALYSIS = { busySamples: 7, areas: [], functions: [], files: [], libraryTotal: [] }

function busyMsPer1000(name: string, schedule: Run['scenario']): number {
  if (name === worstMode && schedule === scenarios[first]) return 50
  if (name === DEFAULT && schedule === scenarios[second]) return 30
  return 10
}

/** A run that went well: every event delivered, every element showing the last one. */
export function figures({ name, scenario, profile }: Run): Figures {
  const cells = scenario.cells * scenario.types
  const sent = scenario.total
  const run = { busyMsPer1000: busyMsPer1000(name, scenario), fps: 60, sent, delivered: sent, rendered: sent, shown: cells, cells }
  return { ...run, catchUpMs: 100, caughtUp: true, connections: 1, heapMB: 2, ...(profile ? { cpuProfile: PROFILE } : {}) }
}

/** A directory with docs/ in it, as the repository has; the caller removes it. */
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sse-hooks-bench-'))
  mkdirSync(join(dir, 'docs'))
  return dir
}

/** A fresh `tempRoot()` for each test of the file or block, removed after it; call the result for its path. */
export function useTempRoot(): () => string {
  let dir = ''
  beforeEach(() => {
    dir = tempRoot()
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  return () => dir
}

/** One repetition of every scenario; resolves to the failed steps and all that was logged and printed. */
export async function runFake(dir: string, options: Partial<ContendersOptions> = {}) {
  const output: string[] = []
  const log = (text: string) => {
    output.push(text)
  }
  const steps = createSteps(log)
  await runContenders({
    list,
    scenarios,
    sizes: Object.fromEntries(names.map((name) => [name, 1024])),
    reps: 1,
    measure: figures,
    prepareProfiles: () => undefined,
    analyze: () => ANALYSIS,
    machine: (runs) => `on a test; ${runs}`,
    resultsDir: join(dir, 'results'),
    rootDir: dir,
    steps,
    log,
    print: (text) => log(`${text}\n`),
    seconds: () => '0',
    ...options,
  })
  return { failures: steps.failures, output: output.join('') }
}

export interface Results {
  readonly partial?: string
  readonly crossTab?: unknown
  readonly summary: Record<string, Record<string, { readonly runs: number; readonly timesBestPeer: number | null }>> | null
  readonly targets: { readonly target: string; readonly pass: boolean; readonly detail: string }[] | null
  readonly raw: Record<string, Record<string, unknown[]>>
  readonly profiles: { readonly name: string; readonly scenario: string; readonly outcome?: string; readonly analysis?: unknown }[] | null
}
export const readResults = (dir: string) => JSON.parse(readFileSync(join(dir, 'results/browser.json'), 'utf8')) as Results
export const readDocs = (dir: string) => readFileSync(join(dir, 'docs/performance-browser.md'), 'utf8')
