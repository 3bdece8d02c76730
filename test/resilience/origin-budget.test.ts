// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { fast, setupHarness, WAIT } from './harness'

const h = setupHarness()

/** Opens `count` distinct streams to the fault server in one client and waits until all are open. */
async function openStreams(count: number, offset = 0) {
  const urls = Array.from({ length: count }, (_, i) => `${h.server.url}/hold?stream=${offset + i}`)
  for (const url of urls) h.recordStates(url, fast)
  await vi.waitFor(() => expect(urls.every((url) => h.client.getSnapshot(url, fast).status === 'open')).toBe(true), WAIT)
  return urls
}

describe('scenario 12: more than 6 concurrent streams to one origin in one client', () => {
  it('warns once in development, naming the streams', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    const six = await openStreams(6)
    expect(warn).not.toHaveBeenCalled()

    const [seventh] = await openStreams(1, 6)
    await openStreams(3, 7) // more streams to the same origin: no second warning
    expect(warn).toHaveBeenCalledTimes(1)
    const text = String(warn.mock.calls[0]?.[0])
    expect(text).toContain(h.server.url)
    for (const url of [...six, seventh]) expect(text).toContain(url)
    expect(h.server.requestsTo('/hold')).toHaveLength(10) // a warning, not a limit
  })

  it('streams sharing one URL and options count once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const urls = await openStreams(6)
    for (const url of urls) h.recordStates(url, fast) // a second listener on each: still 6 streams
    expect(h.client.getStats().connections).toBe(6)
    expect(warn).not.toHaveBeenCalled()
  })

  it('says nothing in production builds', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    onTestFinished(() => void vi.unstubAllEnvs())
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await openStreams(8)
    expect(warn).not.toHaveBeenCalled()
  })
})
