import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import type { ChatStats } from '../../demo/shared/protocol'
import { connectStream } from '../demo/sse-client'
import { api, launchBrowser, pageTracker, startDemo, type ChatPage, type Demo } from './harness'

let browser: Browser
let demo: Demo
const pages = pageTracker()

beforeAll(async () => {
  browser = await launchBrowser()
  demo = await startDemo({ rateLimit: { burst: 100, perSecond: 100 } })
})

afterEach(() => pages.closeAll())

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

const statsOf = async (client: string) => (await api(demo.url, `/api/stats?client=${client}`)).body as ChatStats
const texts = async (chat: ChatPage) => (await chat.messages()).map((message) => message.text)
const arrived = (chat: ChatPage, text: string) => chat.page.getByTestId('message').filter({ hasText: text }).waitFor()
/** Each tab's role, once every panel shows `tabs` tabs sharing: one leader, the others follow. */
async function rolesOnceSettled(tabs: ChatPage[]) {
  for (const tab of tabs) await expect.poll(() => tab.sharedTabs(), { timeout: 5000 }).toBe(String(tabs.length))
  return Promise.all(tabs.map((tab) => tab.role()))
}

it('tabs of one browser share one stream: one leader, every message in every tab, and another tab takes over when the leader closes', async () => {
  // Presence as another browser sees it, from the test: who comes and goes, in order.
  const observer = await connectStream(demo.url)
  const home = await pages.browser(browser)
  const tabs = [await home.open(demo.url), await home.open(demo.url), await home.open(demo.url)]
  const elsewhere = await pages.open(browser, demo.url) // another browser: a connection of its own
  const client = tabs[0]!.clientId()
  expect(tabs.map((tab) => tab.clientId())).toEqual([client, client, client])

  // The server sees one stream for the three tabs, and the panels say so.
  await vi.waitFor(async () => expect(await statsOf(client)).toMatchObject({ clientConnections: 1, connections: 3, clients: 2 }))
  expect(demo.streamRequests.filter((request) => request.url.includes(client))).toHaveLength(1)
  expect(tabs.map((tab) => tab.streamRequests.length)).toEqual([1, 0, 0])
  expect(await rolesOnceSettled(tabs)).toEqual(['leader', 'follower', 'follower'])
  for (const tab of tabs) await expect.poll(() => tab.page.getByTestId('browser-connections').textContent(), { timeout: 5000 }).toBe('1')
  expect(await rolesOnceSettled([elsewhere])).toEqual(['leader'])

  // A join in one tab is the browser's: the others show it too. A post from a follower reaches every tab.
  await tabs[1]!.join('ada')
  for (const tab of tabs) await tab.page.getByRole('heading', { name: 'Hi, ada' }).waitFor()
  await tabs[2]!.post('from a tab that follows')
  await elsewhere.join('bob')
  await elsewhere.post('from another browser')
  for (const chat of [...tabs, elsewhere]) {
    await arrived(chat, 'from another browser')
    expect(await texts(chat)).toEqual(['from a tab that follows', 'from another browser'])
  }

  // The leader closes: a follower takes the stream over from the last event id, and nothing is lost or doubled.
  const lastSeen = await tabs[0]!.page.getByTestId('last-event-id').textContent()
  const before = demo.streamRequests.length
  await tabs[0]!.close()
  const left = tabs.slice(1)
  expect((await rolesOnceSettled(left)).sort()).toEqual(['follower', 'leader'])
  await elsewhere.post('after the takeover')
  for (const chat of left) {
    await arrived(chat, 'after the takeover')
    expect(await texts(chat)).toEqual(['from a tab that follows', 'from another browser', 'after the takeover'])
  }
  const takeover = demo.streamRequests.slice(before).filter((request) => request.url.includes(client))
  expect(takeover.map((request) => request.lastEventId)).toEqual([lastSeen])
  await vi.waitFor(async () => expect(await statsOf(client)).toMatchObject({ clientConnections: 1, connections: 3 }))

  // The last tab of the browser closes: the shared stream closes, and ada goes offline, once.
  for (const tab of left) await tab.close()
  // After the server's grace period (3 s) for a stream to come back.
  await vi.waitFor(() => expect(observer.of('userdisconnect')).toHaveLength(1), { timeout: 10_000 })
  await expect.poll(() => elsewhere.page.getByTestId('online-users').textContent()).not.toMatch(/ada/)
  expect(await statsOf(client)).toMatchObject({ clientConnections: 0 })
  // ada was online through the takeover: one arrival, one leave, and the leave came last.
  const ada = observer.events.filter((event) => event.type !== 'usermessage' && (event.data as { username: string }).username === 'ada')
  expect(ada.map((event) => event.type)).toEqual(['userconnect', 'userdisconnect'])
  observer.close()
  expect([...tabs, elsewhere].flatMap((chat) => chat.pageErrors)).toEqual([])
})
