// @vitest-environment node
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scenarios } from '../../bench/browser/contenders.mjs'
import type { Run } from '../../bench/browser/pipeline.mjs'
import { type Results, figures, first, list, readDocs, readResults, runFake, useTempRoot } from './fake-bench'

describe('the measured figures', () => {
  const dir = useTempRoot()

  it("are in browser.json after each scenario, before the next one's runs, beside the cross-tab results", async () => {
    mkdirSync(join(dir(), 'results'))
    writeFileSync(join(dir(), 'results/browser.json'), JSON.stringify({ crossTab: { reps: [] }, profiles: ['an older run'] }))
    let before: Results | undefined
    const measure = (run: Run) => {
      if (run.run.startsWith('r0-s1-') && !before) before = readResults(dir())
      return figures(run)
    }
    await runFake(dir(), { measure })

    expect(before?.partial).toBe(`measured up to run 1 of 1, ${first}`)
    expect(Object.keys(before?.summary ?? {})).toEqual([first])
    expect(Object.values(before?.raw[first] ?? {}).map((runs) => runs.length)).toEqual(Object.keys(list).map(() => 1))
    expect(before?.profiles).toBeNull()
    expect(before?.crossTab).toEqual({ reps: [] })
    expect(readResults(dir()).partial).toBeUndefined()
  })

  it('are kept when a run throws, which is named in one line, and the other runs go on', async () => {
    const peer = Object.keys(list).find((name) => list[name]?.peer) ?? ''
    const measure = (run: Run) => {
      if (run.name === peer && run.scenario === scenarios[first]) throw new Error('page.goto: Timeout 20000ms exceeded.\nCall log:')
      return figures(run)
    }
    const { failures, output } = await runFake(dir(), { measure })

    expect(failures).toEqual([{ step: `measuring ${peer}, ${first}, run 1`, message: 'page.goto: Timeout 20000ms exceeded.' }])
    expect(output).toContain(`failed: measuring ${peer}, ${first}, run 1: page.goto: Timeout 20000ms exceeded.\n`)
    const { raw, summary } = readResults(dir())
    expect(raw[first]?.[peer]).toEqual([])
    expect(summary?.[first]?.['sse-hooks default']?.runs).toBe(1)
    // The peer with no runs is no yardstick: the others are still compared with the peers that ran.
    expect(summary?.[first]?.['sse-hooks default']?.timesBestPeer).toBe(1)
  })

  it('of a contender of ours whose every run in a scenario threw are reported as missing, never as lost events', async () => {
    const measure = (run: Run) => {
      if (run.name === 'sse-hooks default' && run.scenario === scenarios[first]) throw new Error('page crashed')
      return figures(run)
    }
    await runFake(dir(), { measure })

    const lost = readResults(dir()).targets?.find((t) => t.target.startsWith('sse-hooks default: 0 events lost'))
    expect(lost).toEqual({ target: expect.any(String), pass: false, detail: `none lost; no runs in: ${first}` })
  })

  it('stay on disk when the docs cannot be written, and the failure is named', async () => {
    rmSync(join(dir(), 'docs'), { recursive: true })
    const { failures, output } = await runFake(dir())

    expect(failures).toEqual([{ step: 'writing docs/performance-browser.{md,svg}', message: expect.stringContaining('ENOENT') }])
    expect(output).toMatch(/failed: writing docs\/performance-browser\.\{md,svg\}: ENOENT[^\n]*\n/)
    expect(readResults(dir()).profiles).toHaveLength(2)
    expect(() => readDocs(dir())).toThrow()
  })
})
