import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTabs } from './harness'

afterEach(() => {
  vi.useRealTimers()
})

/** Two or more tabs listening to `tick`, the first of them the leader, and 3 events delivered. */
async function sharing(count = 2) {
  const setup = createTabs()
  const tabs = Array.from({ length: count }, () => setup.open())
  const seen = tabs.map((tab) => tab.listen('tick'))
  await setup.settle()
  for (let n = 1; n <= 3; n++) setup.server.latest().emit('tick', n, { id: String(n) })
  await setup.settle()
  const [leader, ...followers] = tabs
  if (!leader || leader.role() !== 'leader') throw new Error('the first tab should lead')
  return { ...setup, leader, followers, seen }
}

describe('crossTab failover', () => {
  it('a leader whose components all unmount hands over to a tab still listening, which resumes from the last id', async () => {
    const { leader, followers, seen, settle, server, live } = await sharing(3)
    const first = server.latest()
    leader.leave()
    await settle(200)
    expect(first.closed).toBe(true)
    expect(live()).toHaveLength(1)
    expect(server.latest().request.lastEventId).toBe('3')
    server.latest().emit('tick', 4, { id: '4' })
    await settle()
    for (const events of seen.slice(1)) expect(events).toEqual([1, 2, 3, 4])
    expect(followers.map((tab) => tab.role()).sort()).toEqual(['follower', 'leader'])
    expect(leader.role()).toBe('idle')
  })

  it('a crashed leader is replaced at once, from the last event id, with nothing twice', async () => {
    const { leader, followers, seen, settle, server } = await sharing(3)
    const before = server.connections.length
    leader.tab.crash()
    await settle(50)
    expect(server.connections).toHaveLength(before + 1)
    expect(server.latest().request.lastEventId).toBe('3')
    server.latest().emit('tick', 4, { id: '4' })
    await settle()
    for (const events of seen.slice(1)) expect(events).toEqual([1, 2, 3, 4])
    for (const tab of followers) expect(tab.status()).toBe('open')
  })

  it('a frozen leader is stolen from once; when it wakes it follows, and nothing reaches anyone twice', async () => {
    const { leader, followers, seen, settle, server, live } = await sharing(3)
    const old = server.latest()
    leader.tab.freeze()
    await settle(900)
    expect(server.connections).toHaveLength(1) // not yet: a second of silence first
    await settle(700)
    expect(server.connections).toHaveLength(2)
    expect(server.latest().request.lastEventId).toBe('3')
    const fresh = server.latest()
    for (let n = 4; n <= 6; n++) fresh.emit('tick', n, { id: String(n) })
    await settle()

    // It wakes with events still in its socket, and reads them before it learns it lost the lock.
    old.emit('tick', 4, { id: '4' })
    old.emit('tick', 5, { id: '5' })
    leader.tab.thaw()
    await settle(3000)
    fresh.emit('tick', 7, { id: '7' })
    await settle()

    expect(server.connections).toHaveLength(2) // one steal, and no steal back
    expect(old.closed).toBe(true)
    expect(live()).toEqual([fresh])
    expect(leader.role()).toBe('follower')
    for (const events of seen) expect(events).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(followers.map((tab) => tab.role()).sort()).toEqual(['follower', 'leader'])
  })

  it('a follower that wakes from a freeze asks before it steals, so a live leader keeps leading', async () => {
    const { followers, seen, settle, server } = await sharing(2)
    const [follower] = followers
    follower?.tab.freeze()
    server.latest().emit('tick', 4, { id: '4' })
    await settle(5000)
    follower?.tab.thaw()
    await settle(2000)
    expect(server.connections).toHaveLength(1)
    expect(seen[1]).toEqual([1, 2, 3, 4])
  })

  it('a leader entering the back/forward cache hands over; restored, it rejoins as a follower', async () => {
    const { leader, seen, settle, server, live } = await sharing(2)
    leader.tab.lifecycle.emit('cache')
    await settle(50)
    expect(live()).toHaveLength(1)
    expect(server.latest().request.lastEventId).toBe('3')
    server.latest().emit('tick', 4, { id: '4' })
    await settle()

    leader.tab.lifecycle.emit('restore')
    await settle(50)
    expect(leader.role()).toBe('follower')
    server.latest().emit('tick', 5, { id: '5' })
    await settle()
    expect(live()).toHaveLength(1)
    expect(seen[1]).toEqual([1, 2, 3, 4, 5])
    expect(seen[0]).toEqual([1, 2, 3, 5]) // what it missed while cached is a gap, as for a reload
    expect(leader.status()).toBe('open')
  })

  it('a follower whose page goes away says so: the leader stops counting it and listening for it', async () => {
    const { leader, followers, settle, server } = await sharing(2)
    const [follower] = followers
    follower?.listen('typing')
    await settle()
    expect([...server.latest().types].sort()).toEqual(['tick', 'typing'])
    expect(leader.transport.getSnapshot('http://app.test/api/events').tabs).toBe(2)
    follower?.tab.lifecycle.emit('cache')
    await settle()
    expect([...server.latest().types]).toEqual(['tick'])
    expect(leader.transport.getSnapshot('http://app.test/api/events').tabs).toBe(1)
  })

  it('when no tab listens any more, the connection closes after the grace period', async () => {
    const { tabs, settle, live } = await sharing(3)
    for (const tab of tabs) tab.leave()
    await settle(500)
    expect(live()).toHaveLength(0)
  })
})
