import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, pageTracker, startDemo, type Demo } from './harness'

let browser: Browser
let demo: Demo
const pages = pageTracker()

beforeAll(async () => {
  browser = await launchBrowser()
  demo = await startDemo({ rateLimit: { burst: 100, perSecond: 100 } })
})

afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
  await demo?.close()
})

const bearer = (authorization: string | undefined) => authorization?.replace(/^Bearer /, '')

it('streams with a session token in a header; after a restart the old one gets a 401 and the page refreshes it', async () => {
  const own = await pages.browser(browser)
  const chat = await own.open(demo.url)
  await chat.join('trudy')
  const mine = () => demo.streamRequests.filter((request) => request.url.includes(chat.clientId()))
  const first = mine()[0]
  const token = bearer(first?.authorization)
  expect(token).toMatch(/^\d+\.[\w-]+\.[\w-]+$/)
  // A second tab of the same browser shares the first one's stream, and so its session.
  const sameBrowser = await own.open(demo.url)
  expect(sameBrowser.clientId()).toBe(chat.clientId())
  expect(sameBrowser.streamRequests).toEqual([])

  // A restarted server signs with a new secret: the token it sees is not one of its own.
  const before = demo.streamRequests.length
  await demo.stop()
  await Promise.all([chat.waitForStatus('reconnecting'), sameBrowser.waitForStatus('reconnecting')])
  await demo.start()
  await Promise.all([chat.waitForStatus('open'), sameBrowser.waitForStatus('open')])
  // The tab holding the stream comes back with the old token, meets a 401 and fetches a new one, which
  // it keeps for the browser; it streams again, never with the old one, for both tabs.
  const after = demo.streamRequests.slice(before)
  const refused = after.filter((request) => request.status === 401)
  expect(refused.length).toBeGreaterThan(0)
  expect(refused.every((request) => bearer(request.authorization) === token)).toBe(true)
  const streaming = after.filter((request) => request.status === 200).map((request) => bearer(request.authorization))
  expect(streaming).toHaveLength(1)
  expect(streaming).not.toContain(token)
  const fresh = bearer(mine().at(-1)?.authorization)
  expect(await chat.page.evaluate(() => localStorage.getItem('sse-hooks-demo:session'))).toMatch(/"token":"[\w.-]+"/)

  // The other tab takes the stream over with the browser's new token: no 401 on the way.
  const beforeTakeover = demo.streamRequests.length
  await chat.close()
  await expect.poll(() => sameBrowser.role()).toBe('leader')
  const takeover = () => demo.streamRequests.slice(beforeTakeover).map((request) => [request.status, bearer(request.authorization)])
  await expect.poll(takeover).toEqual([[200, fresh]])
  // Never in a URL.
  expect(demo.streamRequests.every((request) => !request.url.includes(token ?? '?') && !request.url.includes(fresh ?? '?'))).toBe(true)
  await sameBrowser.join('trudy')
  await sameBrowser.post('still here')
  expect([...chat.pageErrors, ...sameBrowser.pageErrors]).toEqual([])
})
