import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchBrowser } from './harness'
import { openTab, range, until, type TabPage } from './cross-tab/pages'
import { startTabsServer, type TabsServer } from './cross-tab/server'

let browser: Browser
let context: BrowserContext
let server: TabsServer

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser.close()
})
beforeEach(async () => {
  server = await startTabsServer()
  context = await browser.newContext()
})
afterEach(async () => {
  await context.close()
  await server.close()
})

/** `count` pages of one context, every one open on the shared stream. */
async function openTabs(count: number, query = '') {
  const tabs: TabPage[] = []
  for (let i = 0; i < count; i++) tabs.push(await openTab(context, server.url, query))
  await until('every page open', async () => (await Promise.all(tabs.map((tab) => tab.snapshot()))).every((s) => s.status === 'open'))
  return tabs
}
const leaderOf = async (tabs: TabPage[]) => {
  const roles = await Promise.all(tabs.map((tab) => tab.role()))
  const index = roles.findIndex((role) => role.role === 'leader')
  const leader = tabs[index]
  if (!leader) throw new Error(`no leader among ${JSON.stringify(roles)}`)
  return { leader, others: tabs.filter((_, i) => i !== index) }
}
const emitTicks = (from: number, to: number) => {
  for (let n = from; n <= to; n++) server.emit('tick', n)
}
const allSeen = (tabs: TabPage[], expected: unknown[]) =>
  until(`every page to see ${expected.length} ticks`, async () => {
    const seen = await Promise.all(tabs.map((tab) => tab.events()))
    return seen.every((events) => events.length >= expected.length)
  })

describe('cross-tab in Chromium: one connection for the browser', () => {
  it('5 pages: the server sees 1 stream; every page gets every event in order, once, and shows open', async () => {
    const tabs = await openTabs(5)
    expect(server.open()).toHaveLength(1)
    emitTicks(1, 50)
    await allSeen(tabs, range(50))
    for (const tab of tabs) {
      expect(await tab.events()).toEqual(range(50))
      expect(await tab.snapshot()).toMatchObject({ status: 'open', readyState: 1, lastEventId: '50' })
    }
    expect(server.connections).toHaveLength(1)
    const roles = await Promise.all(tabs.map((tab) => tab.role()))
    expect(roles.filter((r) => r.role === 'leader')).toHaveLength(1)
    await until('every page to count 5 tabs', async () => (await Promise.all(tabs.map((tab) => tab.role()))).every((r) => r.tabs === 5))
  })

  it('a page that joins later shows the current value at once, then every event after', async () => {
    const [first] = await openTabs(1, 'types=price')
    server.emit('price', { usd: 10 })
    await until('the first page to see the price', async () => (await first?.events('price'))?.length === 1)
    const late = await openTab(context, server.url, 'types=')
    await late.run((tabs) => tabs.current('price'))
    await until(
      'the late page to show the current price',
      async () => JSON.stringify(await late.run((tabs) => tabs.current('price'))) === '{"usd":10}',
    )
    await late.run((tabs) => tabs.subscribe('price'))
    server.emit('price', { usd: 11 })
    await until('the late page to hear the next price', async () => (await late.events('price')).length === 1)
    expect(await late.events('price')).toEqual([{ usd: 11 }])
    expect(server.open()).toHaveLength(1)
  })

  it('an event type only a follower listens to reaches it', async () => {
    const tabs = await openTabs(2)
    const { others } = await leaderOf(tabs)
    const [follower] = others
    await follower?.run((tabs) => tabs.subscribe('typing'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    server.emit('typing', { who: 'ann' })
    await until('the follower to hear typing', async () => (await follower?.events('typing'))?.length === 1)
    expect(server.open()).toHaveLength(1)
  })

  it.each([
    ['closes', (tab: TabPage) => tab.page.close()],
    ['crashes', async (tab: TabPage) => void (await context.newCDPSession(tab.page)).send('Page.crash').catch(() => {})],
  ])('when the leader %s, one connection again within 1.5 s, from the last event id; the others stay contiguous', async (_how, end) => {
    const tabs = await openTabs(3)
    emitTicks(1, 5)
    await allSeen(tabs, range(5))
    const { leader, others } = await leaderOf(tabs)
    const ended = Date.now()
    await end(leader)
    await until('a new connection', () => server.open().length === 1 && server.connections.length === 2, 1500)
    expect(Date.now() - ended).toBeLessThan(1500)
    expect(server.connections[1]?.lastEventId).toBe('5')
    emitTicks(6, 10)
    await allSeen(others, range(10))
    for (const tab of others) expect(await tab.events()).toEqual(range(10))
    expect(server.open()).toHaveLength(1)
  })

  it('a frozen leader is taken over from; when it wakes: still one connection, nothing twice, no second steal', async () => {
    const tabs = await openTabs(3)
    emitTicks(1, 3)
    await allSeen(tabs, range(3))
    const { leader, others } = await leaderOf(tabs)
    const debug = await context.newCDPSession(leader.page)
    await debug.send('Debugger.enable')
    await debug.send('Debugger.pause')
    const paused = Date.now()
    await until('a follower to take over', () => server.connections.length === 2, 3000)
    const tookOver = Date.now() - paused
    expect(server.connections[1]?.lastEventId).toBe('3')
    emitTicks(4, 8)
    await allSeen(others, range(8))
    await debug.send('Debugger.resume')
    await until('the old leader to let its connection go', () => server.open().length === 1)
    emitTicks(9, 12)
    await allSeen(tabs, range(12))
    await new Promise((resolve) => setTimeout(resolve, 2000))
    for (const tab of tabs) expect(await tab.events()).toEqual(range(12))
    expect(server.connections).toHaveLength(2)
    expect((await leader.role()).role).toBe('follower')
    expect(tookOver).toBeLessThan(2500)
  })

  it('a leader whose timers are throttled, as in a tab hidden for long, is not taken for dead', async () => {
    // Chrome runs a long-hidden tab's timers once a minute; messages still arrive at once.
    const throttled = await context.newPage()
    await throttled.addInitScript(() => {
      const every = window.setInterval.bind(window)
      window.setInterval = ((callback: () => void) => every(callback, 60_000)) as typeof window.setInterval
    })
    await throttled.goto(`${server.url}/?`)
    await until('the throttled page to lead', async () => (await throttled.evaluate(() => window.tabs.role().role)) === 'leader')
    const others = await openTabs(2)
    await new Promise((resolve) => setTimeout(resolve, 4000))
    emitTicks(1, 3)
    await allSeen(others, range(3))
    expect(server.connections).toHaveLength(1)
    expect(await throttled.evaluate(() => window.tabs.role().role)).toBe('leader')
  })

  it('all pages closed: 0 connections within 2 s', async () => {
    const tabs = await openTabs(4)
    for (const tab of tabs) await tab.page.close()
    await until('no connection', () => server.open().length === 0, 2000)
  })

  it('a page without Web Locks, or without BroadcastChannel, works with a connection of its own', async () => {
    const [shared] = await openTabs(1)
    const page = await context.newPage()
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }))
    await page.goto(`${server.url}/?`)
    const channelless = await context.newPage()
    await channelless.addInitScript(() => Object.defineProperty(window, 'BroadcastChannel', { value: undefined }))
    await channelless.goto(`${server.url}/?`)
    await until('three connections', () => server.open().length === 3)
    server.emit('tick', 1)
    for (const lone of [page, channelless]) {
      await until('the lone page to hear the tick', async () => (await lone.evaluate(() => window.tabs.events.tick?.length)) === 1)
      expect(await lone.evaluate(() => window.tabs.role())).toEqual({ role: 'alone', tabs: 1 })
    }
    expect((await shared?.role())?.role).toBe('leader')
  })

  it('a server answering 503 to 5 pages sees the retries of one client, and every page its status', async () => {
    // The fetch transport reads Retry-After (a browser's EventSource hides it), so one client's pace is known.
    const tabs = await openTabs(5, 'transport=fetch')
    server.refuse(503, { 'Retry-After': '2' })
    const since = server.connections.length
    await new Promise((resolve) => setTimeout(resolve, 6000))
    const retries = server.connections.length - since
    // One client: the dropped stream is retried after 3 s, then each 503 waits the 2 s asked: 2 tries in
    // 6 s. Five clients of their own would have made at least 5 by the first retry.
    expect(retries).toBeGreaterThan(0)
    expect(retries).toBeLessThanOrEqual(3)
    for (const tab of tabs) expect(await tab.snapshot()).toMatchObject({ status: 'reconnecting', error: { status: 503 } })
    server.refuse(undefined)
    await until(
      'every page open again',
      async () => (await Promise.all(tabs.map((tab) => tab.snapshot()))).every((s) => s.status === 'open'),
      8000,
    )
    expect(server.open()).toHaveLength(1)
  })

  it("crossTab(fetchTransport({ headers })): only the leader's headers run; after failover the new leader's, with Last-Event-ID as a header", async () => {
    const tabs: TabPage[] = []
    for (const name of ['A', 'B', 'C']) tabs.push(await openTab(context, server.url, `transport=fetch&name=${name}`))
    await until('every page open', async () => (await Promise.all(tabs.map((tab) => tab.snapshot()))).every((s) => s.status === 'open'))
    emitTicks(1, 4)
    await allSeen(tabs, range(4))
    const { leader, others } = await leaderOf(tabs)
    const calls = await Promise.all(tabs.map((tab) => tab.run((tabs) => tabs.headerCalls.length)))
    expect(calls.filter((n) => n > 0)).toHaveLength(1)
    expect(server.connections).toHaveLength(1)
    const first = server.connections[0]

    await leader.page.close()
    await until('a new connection', () => server.connections.length === 2)
    const second = server.connections[1]
    expect(second?.lastEventIdHeader).toBe('4')
    expect(second?.authorization).not.toBe(first?.authorization)
    const { leader: next } = await leaderOf(others)
    expect(await next.run((tabs) => tabs.headerCalls)).toEqual(['connect'])
    emitTicks(5, 6)
    await allSeen(others, range(6))
    for (const tab of others) expect(await tab.events()).toEqual(range(6))
  })
})
