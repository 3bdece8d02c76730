import { mkdir, stat } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ChatStats } from '../../demo/shared/protocol'
import { api, launchBrowser, pageTracker, startDemo, type Demo } from './harness'

// These tests post quickly from one address; the limit itself is tested in bad-posts.
const quickPosts = { rateLimit: { burst: 100, perSecond: 100 } }
let demo: Demo
let browser: Browser
const pages = pageTracker()

beforeAll(async () => {
  demo = await startDemo(quickPosts)
  browser = await launchBrowser()
})

afterEach(() => pages.closeAll())

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

describe('the chat wall in Chromium', () => {
  it('shows a message posted in one page in another within 2 s, with its username', async () => {
    const a = await pages.open(browser, demo.url)
    const b = await pages.open(browser, demo.url)
    await a.join('alice')

    await a.post('Hello from page A')
    const arrived = b.page.getByTestId('message').filter({ hasText: 'Hello from page A' })
    await arrived.waitFor({ timeout: 2000 })
    await expect(arrived.getByTestId('message-author').textContent()).resolves.toBe('alice')
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([])
  })

  it('opens exactly one SSE connection per page, although every component subscribes on its own', async () => {
    const a = await pages.open(browser, demo.url)
    const b = await pages.open(browser, demo.url)
    await a.join('alice')
    await b.join('bob')
    await a.post('one stream each')
    // A few seconds of pings, presence and messages, re-rendering every subscriber.
    for (const page of [a, b]) {
      await page.page.getByTestId('message').filter({ hasText: 'one stream each' }).waitFor()
      const clock = page.page.getByTestId('ping-clock')
      const before = await clock.textContent()
      await expect.poll(() => clock.textContent(), { timeout: 5000 }).not.toBe(before)
    }

    for (const page of [a, b]) {
      expect(page.streamRequests).toHaveLength(1)
      await expect.poll(() => page.page.getByTestId('browser-connections').textContent(), { timeout: 5000 }).toBe('1')
      // Badge, clock, wall, online users and the stats panel (plus the history loader).
      const subscribers = Number(await page.page.getByTestId('tab-subscribers').textContent())
      expect(subscribers).toBeGreaterThanOrEqual(5)
    }
    await vi.waitFor(async () => expect(((await api(demo.url, '/api/stats')).body as ChatStats).connections).toBe(2))
    await expect.poll(() => a.page.getByTestId('server-connections').textContent(), { timeout: 5000 }).toBe('2')
  })

  it('renders markup and javascript: text as text: nothing executes', async () => {
    const a = await pages.open(browser, demo.url)
    const b = await pages.open(browser, demo.url)
    const name = '<b onmouseover=alert(1)>x</b>'
    const attacks = [
      '<img src=x onerror="window.__xss=1">',
      'javascript:window.__xss=2',
      '<script>window.__xss=3</script>',
      '<a href="javascript:window.__xss=4">click me</a>',
    ]
    await a.join(name)
    for (const text of attacks) await a.post(text)

    for (const page of [a, b]) {
      const mine = async () => (await page.messages()).filter((message) => message.author === name)
      await expect.poll(mine).toEqual(attacks.map((text) => ({ author: name, text })))
      const wall = page.page.getByTestId('wall')
      expect(await wall.locator('img, script, a, b, iframe').count()).toBe(0)
      await page.page.getByTestId('message').last().hover()
      expect(await page.page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined()
      expect(page.dialogs).toEqual([])
      expect(page.requestedPaths).not.toContain('/x')
      expect(page.pageErrors).toEqual([])
    }
  })

  it('writes a screenshot of the wall, at desktop and phone width', async () => {
    // A server of its own, so the wall shows only this conversation.
    const fresh = await startDemo(quickPosts)
    try {
      await screenshotConversation(fresh.url)
    } finally {
      await pages.closeAll()
      await fresh.close()
    }
  })
})

async function screenshotConversation(url: string) {
  // Ada has the wall open in two tabs of one browser: they share one connection.
  const adasBrowser = await pages.browser(browser)
  const ada = await adasBrowser.open(url)
  const adaAgain = await adasBrowser.open(url)
  const grace = await pages.open(browser, url)
  const linus = await pages.open(browser, url, { width: 375, height: 812 })
  await ada.join('Ada')
  await adaAgain.page.getByRole('heading', { name: 'Hi, Ada' }).waitFor()
  await grace.join('Grace')
  await linus.join('Linus')
  await ada.post('Morning! Is the new build up yet?')
  await grace.post('Deployed a minute ago. Every tab keeps a single connection.')
  await adaAgain.post('I have it open in two tabs: the panel says one stream for my browser.')
  await linus.post('Checked the panel: 1 connection, many subscribers.\nExactly what we wanted.')
  await ada.post('Nice, and the wall updates instantly.')

  await mkdir('test-output', { recursive: true })
  const shots = [
    { chat: ada, path: 'test-output/demo-wall.png', tabs: '2' },
    { chat: linus, path: 'test-output/demo-wall-phone.png', tabs: '1' },
  ]
  for (const { chat, path, tabs } of shots) {
    await expect.poll(() => chat.page.getByTestId('message').count()).toBe(5)
    await expect.poll(() => chat.page.getByTestId('online-users').getByRole('listitem').count()).toBe(3)
    await expect.poll(() => chat.page.getByTestId('server-connections').textContent(), { timeout: 5000 }).toBe('3')
    await expect.poll(() => chat.page.getByTestId('browser-connections').textContent(), { timeout: 5000 }).toBe('1')
    expect(await chat.role()).toBe('leader')
    expect(await chat.sharedTabs()).toBe(tabs)
    await chat.page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' })
    expect((await stat(path)).size).toBeGreaterThan(10_000)
  }
}
