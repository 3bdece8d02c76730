import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { ChatHistory } from '../../demo/shared/protocol'
import { tempStore } from '../demo/helpers'
import { freePort, startProcess, type Running } from '../demo/processes'
import { api, launchBrowser, pageTracker, type ChatPage } from './harness'

let browser: Browser
const pages = pageTracker()
const store = tempStore()
let demo: Running | undefined

beforeAll(async () => {
  browser = await launchBrowser()
})

afterEach(async () => {
  await pages.closeAll()
  await demo?.stop()
  store.remove()
})

afterAll(() => browser?.close())

const MARKER = 'set before the restart'
const markerOf = (chat: ChatPage) => chat.page.evaluate(() => Reflect.get(window, 'restartMarker') as unknown)
const texts = async (chat: ChatPage) => (await chat.messages()).map((message) => message.text)
const arrived = (chat: ChatPage, text: string) => chat.page.getByTestId('message').filter({ hasText: text }).waitFor()

it('keeps open pages in place through Ctrl-C and `npm run demo` again: no reload, history kept, new messages once each', async () => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // Exactly what a person runs, in a process group of its own so SIGINT reaches it as Ctrl-C would.
  const runDemo = () =>
    startProcess('npm', ['run', 'demo'], { HOST: '127.0.0.1', PORT: String(port), CHAT_DB: store.file }, /sse-hooks demo: http/)
  demo = await runDemo()
  const a = await pages.open(browser, url)
  const b = await pages.open(browser, url)
  for (const chat of [a, b]) await chat.page.evaluate((marker) => Object.assign(window, { restartMarker: marker }), MARKER)
  await a.join('alice')
  await b.join('bob')
  await a.post('before the restart')
  await arrived(b, 'before the restart')
  const before = (await api(url, '/api/history')).body as ChatHistory

  await demo.stop('SIGINT')
  await Promise.all([a.waitForStatus('reconnecting'), b.waitForStatus('reconnecting')])
  demo = await runDemo()
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
