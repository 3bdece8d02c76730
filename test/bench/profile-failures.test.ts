// @vitest-environment node
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { scenarios } from '../../bench/browser/contenders.mjs'
import type { Run } from '../../bench/browser/pipeline.mjs'
import { ANALYSIS, DEFAULT, PROFILE, figures, first, readDocs, readResults, runFake, second, useTempRoot, worstMode } from './fake-bench'

const CUT_OFF = 'cut off: the page was saturated, no profile'
const NO_NODES = "Cannot read properties of undefined (reading 'nodes')"

describe('a profiled case', () => {
  const dir = useTempRoot()

  it('cut off as saturated is reported as such, and the next case is still profiled', async () => {
    const analyze = vi.fn(() => ANALYSIS)
    // What measureOnce resolves to for a page it cut off: the figures of a saturated page, no profile.
    const measure = (run: Run) => (run.run === 'profile-0' ? { ...figures(run), saturated: true, cpuProfile: undefined } : figures(run))
    const { failures, output } = await runFake(dir(), { measure, analyze })

    expect(failures).toEqual([])
    expect(output).toContain(`profile 1 (${worstMode}, ${first}): ${CUT_OFF}\n`)
    expect(analyze).toHaveBeenCalledExactlyOnceWith(PROFILE, DEFAULT)
    const results = readResults(dir())
    expect(Object.keys(results.summary ?? {})).toContain(first)
    expect(results.profiles?.map((c) => c.outcome ?? c.analysis)).toEqual([CUT_OFF, ANALYSIS])
    expect(readDocs(dir())).toContain(
      `#### Profile 1: ${worstMode}, ${first}\n\nThe sse-hooks case furthest above the floor that writes once per frame, any mode, of those not cut off; ${CUT_OFF}.`,
    )
    expect(readDocs(dir())).toContain(
      `#### Profile 2: ${DEFAULT}, ${second}\n\nThe default's case furthest above that floor; sampled every`,
    )
  })

  it('whose analysis throws leaves the results written and names the step that failed', async () => {
    const analyze = () => {
      throw new TypeError(NO_NODES)
    }
    const { failures, output } = await runFake(dir(), { analyze })

    expect(failures).toEqual([
      { step: `analysing profile 1 (${worstMode}, ${first})`, message: NO_NODES },
      { step: `analysing profile 2 (${DEFAULT}, ${second})`, message: NO_NODES },
    ])
    expect(output).toContain(`failed: analysing profile 1 (${worstMode}, ${first}): ${NO_NODES}\n`)
    const results = readResults(dir())
    expect(results.partial).toBeUndefined()
    expect(results.summary?.[first]?.[worstMode]?.runs).toBe(1)
    expect(results.profiles?.map((c) => c.outcome)).toEqual([
      `no analysis: reading the profile failed (${NO_NODES})`,
      `no analysis: reading the profile failed (${NO_NODES})`,
    ])
    // The raw profile is kept, to be read another way.
    expect(existsSync(join(dir(), 'results/browser-profile-1.cpuprofile'))).toBe(true)
  })

  it('whose run throws is named in one line, and the next case still runs', async () => {
    const measure = (run: Run) => {
      if (run.run === 'profile-0') throw new Error('page.goto: Timeout 20000ms exceeded.\nCall log:\n  - navigating to …')
      return figures(run)
    }
    const { failures } = await runFake(dir(), { measure })

    expect(failures).toEqual([{ step: `taking profile 1 (${worstMode}, ${first})`, message: 'page.goto: Timeout 20000ms exceeded.' }])
    expect(readResults(dir()).profiles?.map((c) => c.analysis ?? c.outcome)).toEqual([
      'no profile: taking it failed (page.goto: Timeout 20000ms exceeded.)',
      ANALYSIS,
    ])
  })
})

describe('the cases the bench profiles', () => {
  const dir = useTempRoot()

  it('are the ones furthest above the per-frame floor among pages that answered, not one that was cut off', async () => {
    const measure = (run: Run) => {
      if (run.name !== worstMode || run.scenario !== scenarios[first] || run.profile) return figures(run)
      return { ...figures(run), busyMsPer1000: 400, saturated: true }
    }
    await runFake(dir(), { measure })

    const profiled = readResults(dir()).profiles?.map((p) => `${p.name}, ${p.scenario}`)
    expect(profiled).not.toContain(`${worstMode}, ${first}`)
    expect(profiled).toContain(`${DEFAULT}, ${second}`)
  })
})
