// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { ChatStats } from '../../demo/shared/protocol'
import { chatPerTest } from './helpers'

const start = chatPerTest()

const streamStatus = async (base: string) => {
  const response = await fetch(`${base}/api/events`)
  return { status: response.status, body: response.ok ? undefined : ((await response.json()) as { error: string; message: string }) }
}

describe('bounds', () => {
  it('refuses streams beyond the per-address cap with 429, and takes one again when another closes', async () => {
    const chat = await start({ maxStreamsPerAddress: 3 })
    const open = [await chat.stream(), await chat.stream(), await chat.stream()]
    const refused = await streamStatus(chat.base)
    expect(refused).toEqual({
      status: 429,
      body: { error: 'too_many_streams', message: 'at most 3 open streams per address: close one first' },
    })
    open[0]?.close()
    await vi.waitFor(async () => expect(((await (await chat.request('/api/stats')).json()) as ChatStats).connections).toBe(2))
    await chat.stream()
  })

  it('counts the cap per forwarded address behind a trusted proxy', async () => {
    const chat = await start({ maxStreamsPerAddress: 1, trustProxy: true })
    const from = (address: string) => fetch(`${chat.base}/api/events`, { headers: { 'X-Forwarded-For': address } })
    const first = await from('10.0.0.1')
    expect(first.status).toBe(200)
    expect((await from('10.0.0.2')).status).toBe(200)
    expect((await from('10.0.0.1')).status).toBe(429)
  })

  it('stores no presence events for churn beyond the rate limit: such a stream open gets 429', async () => {
    const chat = await start({ rateLimit: { burst: 4, perSecond: 0.001 }, presenceGraceMs: 10 })
    const observer = await chat.stream()
    expect((await chat.post('/api/join', { username: 'churn', client: 'c1' })).status).toBe(200) // one of the 4
    const outcomes: string[] = []
    for (let cycle = 1; cycle <= 8; cycle++) {
      const opened = await chat.stream({ query: { client: 'c1' } }).catch((error: Error) => error)
      outcomes.push(opened instanceof Error ? opened.message : 'open')
      if (opened instanceof Error) continue
      await observer.waitFor('userconnect', cycle)
      opened.close()
      await observer.waitFor('userdisconnect', cycle)
    }
    // 3 comings and goings were paid for; the other opens were refused and wrote nothing.
    expect(outcomes).toEqual([...Array<string>(3).fill('open'), ...Array<string>(5).fill('stream failed: Non-200 status code (429)')])
    expect(observer.events.map((event) => event.type)).toEqual(Array.from({ length: 3 }, () => ['userconnect', 'userdisconnect']).flat())
    expect(((await (await chat.request('/api/stats')).json()) as ChatStats).storedEvents).toBe(6)
  })

  it('charges nothing for a reconnect that announces nothing', async () => {
    const chat = await start({ rateLimit: { burst: 2, perSecond: 0.001 }, presenceGraceMs: 60_000 })
    await chat.post('/api/join', { username: 'steady', client: 'c1' }) // one, and coming online is the other
    for (let reconnect = 0; reconnect < 5; reconnect++) (await chat.stream({ query: { client: 'c1' } })).close()
  })
})
