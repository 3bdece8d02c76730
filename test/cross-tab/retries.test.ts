import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTabs, URL } from './harness'

afterEach(() => {
  vi.useRealTimers()
})

async function sharing(count: number) {
  const setup = createTabs()
  const tabs = Array.from({ length: count }, () => setup.open())
  const seen = tabs.map((tab) => tab.listen('tick'))
  await setup.settle()
  setup.server.latest().emit('tick', 1, { id: '1' })
  await setup.settle()
  return { ...setup, seen }
}

/** Connections a failing server sees in `ms` from `count` tabs, each failing at once with a 500. */
async function connectionsWhileFailing(count: number, ms: number) {
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
  const { server, settle } = await sharing(count)
  const failAll = () => {
    for (const connection of server.connections) if (!connection.closed) connection.fail({ fatal: true, status: 500 })
  }
  for (let elapsed = 0; elapsed < ms; elapsed += 100) {
    failAll()
    await settle(100)
  }
  return server.connections.length
}

describe('crossTab retries: one client, however many tabs', () => {
  it('followers show the leader backing off, with its status, and open no connection meanwhile', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { tabs, server, settle } = await sharing(3)
    server.latest().fail({ fatal: true, status: 503, retryAfter: 5000 })
    await settle()
    for (const tab of tabs) {
      expect(tab.snapshot()).toMatchObject({ status: 'reconnecting', readyState: 2 })
      expect(tab.snapshot().error?.status).toBe(503)
    }
    await settle(4800)
    expect(server.connections).toHaveLength(1)
    await settle(300)
    expect(server.connections).toHaveLength(2)
    server.latest().emit('tick', 2, { id: '2' })
    await settle()
    for (const tab of tabs) expect(tab.status()).toBe('open')
    expect(server.latest().request.lastEventId).toBe('1')
  })

  it('a tab that takes over from a leader in a backoff waits out the rest of it', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { tabs, server, settle } = await sharing(3)
    server.latest().fail({ fatal: true, status: 503, retryAfter: 60_000 })
    await settle(1000)
    tabs[0]?.tab.crash()
    tabs[0]?.client.close(URL) // a crashed tab runs nothing more; in this fake its timers would
    await settle(1000)
    expect(server.connections).toHaveLength(1)
    expect(
      tabs
        .slice(1)
        .map((tab) => tab.role())
        .sort(),
    ).toEqual(['follower', 'leader'])
    for (const tab of tabs.slice(1)) expect(tab.snapshot()).toMatchObject({ status: 'reconnecting', readyState: 2 })
    await settle(57_000)
    expect(server.connections).toHaveLength(1)
    await settle(2000)
    expect(server.connections).toHaveLength(2)
    expect(server.latest().request.lastEventId).toBe('1')
  })

  it('a failing server sees the retries of one client from five tabs', async () => {
    const alone = await connectionsWhileFailing(1, 20_000)
    vi.useRealTimers()
    vi.restoreAllMocks()
    const five = await connectionsWhileFailing(5, 20_000)
    expect(alone).toBeGreaterThan(3)
    expect(five).toBe(alone)
  })

  it('a 204 stops every tab with its status; a reconnect() in one brings the followers back on one connection', async () => {
    const { tabs, server, settle, live } = await sharing(3)
    server.latest().fail({ fatal: true, status: 204 })
    await settle(10_000)
    expect(server.connections).toHaveLength(1)
    for (const tab of tabs) {
      expect(tab.status()).toBe('closed')
      expect(tab.snapshot().error?.status).toBe(204)
    }
    tabs[2]?.client.reconnect(URL)
    await settle()
    expect(server.connections).toHaveLength(2)
    server.latest().emit('tick', 2, { id: '2' })
    await settle()
    expect(live()).toHaveLength(1)
    expect(tabs.map((tab) => tab.status())).toEqual(['closed', 'open', 'open'])
  })

  it('close() stops this tab only: another takes over; reconnect() here rejoins without a connection of its own', async () => {
    const { tabs, server, settle, live, seen } = await sharing(3)
    const [leader] = tabs
    leader?.client.close(URL)
    await settle(50)
    expect(leader?.status()).toBe('closed')
    expect(live()).toHaveLength(1)
    server.latest().emit('tick', 2, { id: '2' })
    await settle()
    expect(seen.slice(1)).toEqual([
      [1, 2],
      [1, 2],
    ])

    leader?.client.reconnect(URL)
    await settle()
    expect(server.connections).toHaveLength(2)
    expect(leader?.role()).toBe('follower')
    server.latest().emit('tick', 3, { id: '3' })
    await settle()
    expect(seen[0]).toEqual([1, 3])
    expect(leader?.status()).toBe('open')
  })

  it("reconnect() in the leader's tab reconnects the one connection, from the last id", async () => {
    const { tabs, server, settle, live } = await sharing(3)
    tabs[0]?.client.reconnect(URL)
    await settle()
    expect(server.connections).toHaveLength(2)
    expect(live()).toHaveLength(1)
    expect(server.latest().request.lastEventId).toBe('1')
    server.latest().open()
    await settle()
    for (const tab of tabs) expect(tab.status()).toBe('open')
  })
})
