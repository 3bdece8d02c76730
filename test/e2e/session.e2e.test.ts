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

it('joining gives the browser a token bound to its name; after a restart the page joins again by itself, keeping what was typed', async () => {
  const own = await pages.browser(browser)
  const chat = await own.open(demo.url)
  const mine = () => demo.streamRequests.filter((request) => request.url.includes(chat.clientId()))
  // The wall is public: the page reads it before joining, with no token.
  expect(mine().map((request) => request.authorization)).toEqual([undefined])
  await chat.join('trudy')
  const token = (await chat.token()) ?? ''
  expect(token).toMatch(/^\d+\.[\w-]+\.[\w-]+\.[\w-]+$/)
  // A second tab of the same browser shares the first one's stream, and so its session.
  const sameBrowser = await own.open(demo.url)
  expect(sameBrowser.clientId()).toBe(chat.clientId())
  expect(sameBrowser.streamRequests).toEqual([])
  expect(await sameBrowser.token()).toBe(token)

  // A restarted server signs with a new secret: the token it sees is not one of its own.
  const before = demo.streamRequests.length
  await demo.stop()
  await Promise.all([chat.waitForStatus('reconnecting'), sameBrowser.waitForStatus('reconnecting')])
  const composer = chat.page.getByRole('textbox', { name: 'Message' })
  await composer.fill('typed while the server was down')
  await demo.start()
  await Promise.all([chat.waitForStatus('open'), sameBrowser.waitForStatus('open')])
  // The tab holding the stream comes back with the old token, meets a 401, joins again under the same
  // name and streams with the new token, which it keeps for the browser; never with the old one again.
  const after = demo.streamRequests.slice(before)
  const refused = after.filter((request) => request.status === 401)
  expect(refused.length).toBeGreaterThan(0)
  expect(refused.every((request) => bearer(request.authorization) === token)).toBe(true)
  const streaming = after.filter((request) => request.status === 200).map((request) => bearer(request.authorization))
  expect(streaming).toHaveLength(1)
  expect(streaming).not.toContain(token)
  const fresh = bearer(mine().at(-1)?.authorization)
  expect(await chat.token()).toBe(fresh)

  // What was typed is still there, and goes under the name the browser joined as.
  expect(await composer.inputValue()).toBe('typed while the server was down')
  expect(await chat.send('typed while the server was down')).toBe(201)
  const posted = chat.page.getByTestId('message').filter({ hasText: 'typed while the server was down' })
  await expect.poll(() => posted.getByTestId('message-author').textContent()).toBe('trudy')
  expect(await composer.inputValue()).toBe('')

  // The other tab takes the stream over with the browser's new token: no 401 on the way.
  const beforeTakeover = demo.streamRequests.length
  await chat.close()
  await expect.poll(() => sameBrowser.role()).toBe('leader')
  const takeover = () => demo.streamRequests.slice(beforeTakeover).map((request) => [request.status, bearer(request.authorization)])
  await expect.poll(takeover).toEqual([[200, fresh]])
  // Never in a URL.
  expect(demo.streamRequests.every((request) => !request.url.includes(token) && !request.url.includes(fresh ?? '?'))).toBe(true)
  await sameBrowser.join('trudy')
  await sameBrowser.post('still here')
  expect([...chat.pageErrors, ...sameBrowser.pageErrors]).toEqual([])
})
