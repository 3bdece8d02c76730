/** The page renews its session token before it expires, with POST /api/session, and goes on posting under its name. */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, pageTracker, startDemo, type Demo } from './harness'

let demo: Demo
let browser: Browser
const pages = pageTracker()

beforeAll(async () => {
  demo = await startDemo({ rateLimit: { burst: 100, perSecond: 100 }, sessionTtlMs: 60_000 })
  browser = await launchBrowser()
})

afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
  await demo?.close()
})

it('renews a token about to expire with POST /api/session, without joining again, and posts under the same name', async () => {
  const own = await pages.browser(browser)
  const chat = await own.open(demo.url)
  await chat.join('ada')
  const first = await chat.token()
  // The page's clock moves on to a few seconds before the token expires; the server's does not.
  await chat.page.clock.setSystemTime(Date.now() + 57_000)
  await chat.post('renewed on the way')
  const renewed = await chat.token()
  expect(renewed).not.toBe(first)
  expect(chat.requestedPaths.filter((path) => path === '/api/join')).toHaveLength(1)
  expect(chat.requestedPaths.filter((path) => path === '/api/session')).toHaveLength(1)
  const posted = chat.page.getByTestId('message').filter({ hasText: 'renewed on the way' })
  await expect.poll(() => posted.getByTestId('message-author').textContent()).toBe('ada')
  expect(chat.pageErrors).toEqual([])
})
