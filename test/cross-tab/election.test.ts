import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTabs, URL } from './harness'

afterEach(() => {
  vi.useRealTimers()
})

describe('crossTab: one connection for every tab', () => {
  it('elects one leader; every tab hears every event in order, with its id, and shows open', async () => {
    const { open, settle, live, server } = createTabs()
    const tabs = [open(), open(), open()]
    const seen = tabs.map((tab) => tab.listen('tick'))
    await settle()
    expect(live()).toHaveLength(1)
    expect(tabs.map((tab) => tab.role()).sort()).toEqual(['follower', 'follower', 'leader'])

    for (let n = 1; n <= 5; n++) server.latest().emit('tick', { n }, { id: String(n) })
    await settle()
    for (const events of seen) expect(events).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })))
    for (const tab of tabs) expect(tab.snapshot()).toMatchObject({ status: 'open', readyState: 1, lastEventId: '5' })
    expect(tabs.map((tab) => tab.transport.getSnapshot(URL).tabs)).toEqual([3, 3, 3])
  })

  it('listens to the union of what every tab needs, and withdraws what no tab needs', async () => {
    const { open, settle, server } = createTabs()
    const leader = open()
    leader.listen('chat')
    await settle()
    const follower = open()
    const stop = follower.client.subscribe(URL, 'typing', () => {})
    const typing = follower.listen('presence')
    await settle()
    expect([...server.latest().types].sort()).toEqual(['chat', 'presence', 'typing'])

    server.latest().emit('presence', { who: 'ann' }, { id: '1' })
    await settle()
    expect(typing).toEqual([{ who: 'ann' }])

    stop()
    await settle()
    expect([...server.latest().types].sort()).toEqual(['chat', 'presence'])
  })

  it('shows a tab that joins late the current value at once, and never re-delivers it to listeners', async () => {
    const { open, settle, server } = createTabs()
    open().listen('price')
    await settle()
    server.latest().emit('price', { usd: 10 }, { id: '7' })
    await settle()

    const late = open()
    const listened = late.listen('price')
    const store = late.client.stream(URL)
    const state: unknown[] = []
    const stop = store.subscribeState(() => {})
    const { createEventStore } = await import('../../src/core/event-store')
    const prices = createEventStore(store, 'price', {})
    prices.subscribe(() => state.push(prices.getSnapshot().data))
    await settle()
    expect(prices.getSnapshot()).toMatchObject({ data: { usd: 10 }, lastEventId: '7' })
    expect(listened).toEqual([])
    expect(late.snapshot().lastEventId).toBe('7')

    server.latest().emit('price', { usd: 11 }, { id: '8' })
    await settle()
    expect(listened).toEqual([{ usd: 11 }])
    expect(prices.getSnapshot().data).toEqual({ usd: 11 })
    stop()
  })

  it('relays ids with no data, errors with their status, and the state of a retry', async () => {
    const { open, settle, server } = createTabs()
    const leader = open()
    leader.listen('tick')
    await settle()
    const follower = open()
    follower.listen('tick')
    await settle()
    server.latest().open()
    server.latest().id('41')
    await settle()
    expect(follower.snapshot().lastEventId).toBe('41')

    server.latest().fail({ fatal: false, status: 502, message: 'Bad gateway' })
    await settle()
    expect(follower.snapshot()).toMatchObject({ status: 'reconnecting', readyState: 0 })
    expect(follower.snapshot().error).toMatchObject({ kind: 'connection', message: 'Bad gateway', status: 502 })
  })

  it('a tab with no locks or no channel has a connection of its own, and says so', async () => {
    const { open, settle, live } = createTabs()
    const shared = open()
    shared.listen('tick')
    const alone = open({ locks: undefined, BroadcastChannel: undefined })
    vi.stubGlobal('BroadcastChannel', undefined)
    alone.listen('tick')
    await settle()
    expect(live()).toHaveLength(2)
    expect(alone.role()).toBe('alone')
    expect(shared.role()).toBe('leader')
  })
})
