import { expect, it } from 'vitest'
import type { ChatHistory } from '../../demo/shared/protocol'
import { api, type ChatPage } from './harness'
import { npmDemoPerTest } from './npm-demo'

const demo = npmDemoPerTest()
const { pages } = demo

const MARKER = 'set before the restart'
const markerOf = (chat: ChatPage) => chat.page.evaluate(() => Reflect.get(window, 'restartMarker') as unknown)
const texts = async (chat: ChatPage) => (await chat.messages()).map((message) => message.text)
const arrived = (chat: ChatPage, text: string) => chat.page.getByTestId('message').filter({ hasText: text }).waitFor()

it('keeps open pages in place through Ctrl-C and `npm run demo` again: no reload, history kept, new messages once each', async () => {
  const { url, run } = await demo.prepare()
  let running = await run()
  const browser = demo.browser()
  const a = await pages.open(browser, url)
  const b = await pages.open(browser, url)
  for (const chat of [a, b]) await chat.page.evaluate((marker) => Object.assign(window, { restartMarker: marker }), MARKER)
  await a.join('alice')
  await b.join('bob')
  await a.post('before the restart')
  await arrived(b, 'before the restart')
  const before = (await api(url, '/api/history')).body as ChatHistory

  await running.stop('SIGINT')
  await Promise.all([a.waitForStatus('reconnecting'), b.waitForStatus('reconnecting')])
  running = await run()
  await Promise.all([a.waitForStatus('open'), b.waitForStatus('open')])

  for (const chat of [a, b]) {
    expect(await markerOf(chat)).toBe(MARKER)
    expect(await texts(chat)).toEqual(['before the restart'])
  }
  const c = await pages.open(browser, url)
  await arrived(c, 'before the restart')
  // The tabs that came back keep their users online.
  await expect.poll(() => c.page.getByTestId('online-users').textContent()).toMatch(/alice.*bob/)

  await a.post('after the restart')
  await b.post('and one more')
  for (const chat of [a, b, c]) {
    await arrived(chat, 'and one more')
    expect(await texts(chat)).toEqual(['before the restart', 'after the restart', 'and one more'])
  }
  const after = (await api(url, '/api/history')).body as ChatHistory
  // The ids go on from the store instead of starting over.
  expect(Number(after.messages[1]?.id)).toBeGreaterThan(Number(before.lastEventId))
  expect([...a.pageErrors, ...b.pageErrors, ...c.pageErrors]).toEqual([])
})
