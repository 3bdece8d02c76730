/** Names bound to sessions, in Chromium: each browser posts as the name it joined under, and only with its token. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { launchBrowser, pageTracker, startDemo, type Demo } from './harness'

let demo: Demo
let browser: Browser
const pages = pageTracker()

beforeAll(async () => {
  demo = await startDemo({ rateLimit: { burst: 100, perSecond: 100 } })
  browser = await launchBrowser()
})

afterEach(() => pages.closeAll())

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

/** `POST /api/messages` from a script in the page, with the `Authorization` header given. */
const postFrom = (page: Page, body: unknown, authorization?: string) =>
  page.evaluate(
    async ({ body, authorization }) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (authorization !== undefined) headers.Authorization = authorization
      const response = await fetch('/api/messages', { method: 'POST', headers, body: JSON.stringify(body) })
      return response.status
    },
    { body, authorization },
  )

it('two browsers that joined as different names each post as themselves, whatever name a post claims', async () => {
  const alice = await pages.open(browser, demo.url)
  const bob = await pages.open(browser, demo.url)
  // Before joining, the wall is readable, and a post is refused.
  expect(await postFrom(alice.page, { username: 'alice', text: 'before joining' })).toBe(401)
  await alice.join('alice')
  await bob.join('bob')
  await alice.post('hello from alice')
  await bob.post('hello from bob')

  // A script in bob's page names alice in the body, or sends a token it made up: bob's name, or nothing.
  const bobsToken = (await bob.token()) ?? ''
  expect(await postFrom(bob.page, { username: 'alice', text: 'bob claiming to be alice' }, `Bearer ${bobsToken}`)).toBe(201)
  const [expires, nonce, , signature] = bobsToken.split('.')
  const renamed = [expires, nonce, Buffer.from('alice').toString('base64url'), signature].join('.')
  expect(await postFrom(bob.page, { text: 'with a renamed token' }, `Bearer ${renamed}`)).toBe(401)
  expect(await postFrom(bob.page, { text: 'with no token' })).toBe(401)

  const expected = [
    { author: 'alice', text: 'hello from alice' },
    { author: 'bob', text: 'hello from bob' },
    { author: 'bob', text: 'bob claiming to be alice' },
  ]
  for (const chat of [alice, bob]) {
    await chat.page.getByTestId('message').filter({ hasText: 'bob claiming to be alice' }).waitFor()
    expect(await chat.messages()).toEqual(expected)
  }
  expect([...alice.pageErrors, ...bob.pageErrors]).toEqual([])
})
