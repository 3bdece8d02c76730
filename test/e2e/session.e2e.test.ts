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
  const chat = await pages.open(browser, demo.url)
  await chat.join('trudy')
  const mine = () => demo.streamRequests.filter((request) => request.url.includes(chat.clientId()))
  const first = mine()[0]
  const token = bearer(first?.authorization)
  expect(token).toMatch(/^\d+\.[\w-]+\.[\w-]+$/)
  // A second tab of the same browser speaks for the same session: one token in localStorage.
  const sameBrowser = await chat.page.context().newPage()
  await sameBrowser.goto(demo.url)
  await sameBrowser.locator('[data-testid="connection-status"][data-status="open"]').waitFor()
  const tabs = demo.streamRequests.filter((request) => !request.url.includes(chat.clientId()))
  expect(bearer(tabs.at(-1)?.authorization)).toBe(token)

  // A restarted server signs with a new secret: the token it sees is not one of its own.
  const before = demo.streamRequests.length
  await demo.stop()
  await chat.waitForStatus('reconnecting')
  await demo.start()
  await chat.waitForStatus('open')
  await sameBrowser.locator('[data-testid="connection-status"][data-status="open"]').waitFor()
  // A tab that comes back with the old token meets a 401 and fetches a new one, which it keeps for
  // the browser; a tab that comes back later already finds it. Both stream again, never with the old one.
  const after = demo.streamRequests.slice(before)
  const refused = after.filter((request) => request.status === 401)
  expect(refused.length).toBeGreaterThan(0)
  expect(refused.every((request) => bearer(request.authorization) === token)).toBe(true)
  const streaming = after.filter((request) => request.status === 200).map((request) => bearer(request.authorization))
  expect(streaming).toHaveLength(2)
  expect(streaming).not.toContain(token)
  const fresh = bearer(mine().at(-1)?.authorization)
  expect(await chat.page.evaluate(() => localStorage.getItem('sse-hooks-demo:session'))).toMatch(/"token":"[\w.-]+"/)
  // Never in a URL.
  expect(demo.streamRequests.every((request) => !request.url.includes(token ?? '?') && !request.url.includes(fresh ?? '?'))).toBe(true)
  await chat.post('still here')
  expect(chat.pageErrors).toEqual([])
})
