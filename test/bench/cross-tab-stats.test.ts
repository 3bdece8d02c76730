import { describe, expect, it } from 'vitest'
import {
  latencyStats,
  pairDeliveries,
  percentile,
  summarizeCrossTab,
  summarizeRep,
  type TabRun,
} from '../../bench/browser/cross-tab-stats.mjs'

describe('pairDeliveries', () => {
  it('pairs events by seq and gives the follower its delay over the leader', () => {
    //               seq: 0  1    2    3    4
    const leader = [0, 100, 110, 120, 130]
    const follower = [0, 101.5, 0, 119.5, 140]
    expect(pairDeliveries(leader, follower)).toEqual({ deltas: [1.5, -0.5, 10], missing: 1 })
  })

  it('ignores what the leader never got, and counts a follower that got less', () => {
    expect(pairDeliveries([0, 0, 50], [0, 40, 52])).toEqual({ deltas: [2], missing: 0 })
    expect(pairDeliveries([0, 10, 20, 30], [0])).toEqual({ deltas: [], missing: 3 })
  })
})

describe('percentile', () => {
  it('is the nearest rank, whatever the order of the values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i) // 100 … 1
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile(values, 100)).toBe(100)
    expect(percentile(values, 0)).toBe(1)
    expect(percentile([3, 1, 2], 50)).toBe(2)
    expect(percentile([7], 99)).toBe(7)
  })

  it('is NaN for no values, and skips values that are not numbers', () => {
    expect(percentile([], 50)).toBeNaN()
    expect(percentile([Number.NaN, 4, Number.NaN], 99)).toBe(4)
  })

  it('lets one slow event in a hundred show in p99, not in p50', () => {
    const values = [...Array.from({ length: 99 }, () => 1), 80]
    expect(percentile(values, 50)).toBe(1)
    expect(percentile(values, 99)).toBe(1)
    expect(percentile([...values, 80], 99)).toBe(80) // 2 of 101: past the 99th rank
  })
})

describe('latencyStats', () => {
  it('gives p50, p99, the extremes and the count', () => {
    expect(latencyStats([5, -1, 2, 40])).toEqual({ p50Ms: 2, p99Ms: 40, minMs: -1, maxMs: 40, samples: 4 })
    expect(latencyStats([])).toEqual({ p50Ms: Number.NaN, p99Ms: Number.NaN, minMs: Number.NaN, maxMs: Number.NaN, samples: 0 })
  })
})

/** A tab that got events 1…n at `start + seq * gap`, as the pages report them (index 0 unused). */
function tab(role: string, front: boolean, busyMsPer1000: number, arrive: (seq: number) => number, fps = 60): TabRun {
  const arrivals = [0, ...Array.from({ length: 4 }, (_, i) => arrive(i + 1))]
  return { role, front, busyMsPer1000, arrivals, delivered: arrivals.filter((ms) => ms > 0).length, fps }
}

describe('summarizeRep and summarizeCrossTab', () => {
  const rep = (offset: number, frontBusy: number) =>
    summarizeRep({
      shared: [
        tab('leader', false, 90, (seq) => 1000 + seq * 10, 20),
        tab('follower', false, 80, (seq) => 1000 + seq * 10 + 4 + offset),
        tab('follower', true, frontBusy, (seq) => 1000 + seq * 10 + 1 + offset),
        tab('follower', false, 70, (seq) => (seq === 4 ? 0 : 1000 + seq * 10 + 6 + offset)),
      ],
      own: [tab('own', false, 100, (seq) => seq, 30), tab('own', false, 60, (seq) => seq, 10), tab('own', true, 200, (seq) => seq)],
      connections: 1,
      ownConnections: 3,
      sent: 4,
    })

  it('splits the followers by place, keeps their figures without the arrivals, and counts what they missed', () => {
    const one = rep(0, 150)
    expect(one.deltas.front).toEqual([1, 1, 1, 1])
    expect(one.deltas.behind).toEqual([4, 4, 4, 4, 6, 6, 6])
    expect(one.leader).toEqual({ role: 'leader', front: false, busyMsPer1000: 90, delivered: 4, fps: 20 })
    expect(one.followers.map((f) => [f.front, f.missing, f.p50Ms, f.samples])).toEqual([
      [false, 0, 4, 4],
      [true, 0, 1, 4],
      [false, 1, 6, 3],
    ])
    expect(one.own.every((t) => !('arrivals' in t))).toBe(true)
    expect(JSON.stringify(one.followers)).not.toContain('arrivals')
  })

  it('pools delays over the runs, takes medians of main-thread time, and compares each place with its own-connection tabs', () => {
    const summary = summarizeCrossTab([rep(0, 150), rep(2, 170), rep(1, 260)])
    expect(summary.runs).toBe(3)
    // Front: delays 1, 3 and 2 ms, four events each; busy 150, 170, 260 → 170 against 200.
    expect(summary.front).toMatchObject({ p50Ms: 2, p99Ms: 3, minMs: 1, maxMs: 3, samples: 12, busyMsPer1000: 170, ownBusyMsPer1000: 200 })
    expect(summary.front.timesOwn).toBeCloseTo(0.85)
    // Behind: busy 80 and 70 in each run → 75, against the own tabs behind (100, 60 → 80).
    expect(summary.behind).toMatchObject({ busyMsPer1000: 75, ownBusyMsPer1000: 80, samples: 21, minMs: 4, maxMs: 8 })
    expect(summary.behind.timesOwn).toBeCloseTo(75 / 80)
    expect(summary.allFollowers.samples).toBe(33)
    expect(summary.leader).toEqual({ busyMsPer1000: 90, ownBusyMsPer1000: 80, timesOwn: 90 / 80, fps: 20, ownFps: 20 })
    // The frame rates beside the times: the own-connection tabs behind got 30 and 10 fps.
    expect(summary.behind).toMatchObject({ fps: 60, ownFps: 20 })
    expect(summary.front).toMatchObject({ fps: 60, ownFps: 60 })
    expect(summary).toMatchObject({ sent: 4, leastDeliveredToAFollower: 3, connections: 1, ownConnections: 3 })
  })

  it('refuses a run without a leader', () => {
    expect(() =>
      summarizeRep({ shared: [tab('follower', true, 1, (seq) => seq)], own: [], connections: 1, ownConnections: 0, sent: 4 }),
    ).toThrow(/no leader/)
  })
})
