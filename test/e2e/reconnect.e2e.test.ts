import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { ChatHistory } from '../../demo/shared/protocol'
import { api, holdStreams, launchBrowser, pageTracker, startDemo, type Demo } from './harness'

let browser: Browser
const demos: Demo[] = []
const pages = pageTracker()

const start = async (options: Parameters<typeof startDemo>[0] = {}) => {
  const demo = await startDemo({ rateLimit: { burst: 100, perSecond: 100 }, ...options })
  demos.push(demo)
  return demo
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterEach(async () => {
  await pages.closeAll()
  await Promise.all(demos.splice(0).map((demo) => demo.close()))
})

afterAll(() => browser?.close())

it('reconnects after a server restart and resumes through Last-Event-ID: missed messages appear once each', async () => {
  const demo = await start()
  const a = await pages.open(browser, demo.url)
  const b = await pages.open(browser, demo.url)
  await a.join('alice')
  await b.join('bob')
  await a.post('before the restart')
  await b.page.getByTestId('message').filter({ hasText: 'before the restart' }).waitFor()
  const door = await holdStreams(b.page)

  await demo.stop()
  await Promise.all([a.waitForStatus('reconnecting'), b.waitForStatus('reconnecting')])
  const lastSeenByB = await b.page.getByTestId('last-event-id').textContent()

  await demo.start()
  await a.waitForStatus('open') // the browser's own retry, after the server's `retry: 1000`
  const missed = ['posted while B was away', 'and a second one'] as const
  for (const text of missed) await a.post(text)
  await a.page.getByTestId('message').filter({ hasText: missed[1] }).waitFor()
  expect(await b.status()).toBe('reconnecting')
  expect((await b.messages()).map((message) => message.text)).toEqual(['before the restart'])

  await door.release()
  await b.waitForStatus('open')
  await b.page.getByTestId('message').filter({ hasText: missed[1] }).waitFor()
  // Anything duplicated would arrive before a later message: count after one more.
  await a.post('after B is back')
  await b.page.getByTestId('message').filter({ hasText: 'after B is back' }).waitFor()

  expect(await b.messages()).toEqual(['before the restart', ...missed, 'after B is back'].map((text) => ({ author: 'alice', text })))
  // The browser's own reconnect on the same EventSource, with the id in the header it sends by itself.
  const bStreams = demo.streamRequests.filter((request) => request.url.includes(b.clientId()))
  expect(bStreams.at(-1)?.lastEventId).toBe(lastSeenByB)
  expect(bStreams.at(-1)?.url).not.toContain('lastEventId=')
  expect([...a.pageErrors, ...b.pageErrors]).toEqual([])
})

it('reloads the history when the server no longer has the resume point (event: reset)', async () => {
  const demo = await start({ keep: 4 })
  const a = await pages.open(browser, demo.url)
  const b = await pages.open(browser, demo.url)
  await a.join('alice')
  await a.post('old news')
  await b.page.getByTestId('message').filter({ hasText: 'old news' }).waitFor()
  const door = await holdStreams(b.page)

  await demo.stop()
  await b.waitForStatus('reconnecting')
  await demo.start()
  await a.waitForStatus('open')
  for (let i = 1; i <= 6; i++) await a.post(`while B was away ${i}`)
  const historyLoads = () => b.requestedPaths.filter((path) => path === '/api/history').length
  expect(historyLoads()).toBe(1)

  await door.release()
  await b.waitForStatus('open')
  await b.page.getByTestId('message').filter({ hasText: 'while B was away 6' }).waitFor()
  expect(historyLoads()).toBe(2)
  // Exactly what the server still has: the evicted messages are gone, nothing is doubled.
  const history = (await api(demo.url, '/api/history')).body as ChatHistory
  expect(history.messages.length).toBeGreaterThan(0)
  expect(await b.messages()).toEqual(history.messages.map(({ username, text }) => ({ author: username, text })))
  expect(b.pageErrors).toEqual([])
})
