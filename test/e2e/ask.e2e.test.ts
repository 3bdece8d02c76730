/** The "Ask the wall" panel in Chromium: a POST whose reply streams in with useSSERequest, and Stop. */
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Session } from '../../demo/shared/protocol'
import { launchBrowser, pageTracker, postJson, startDemo, type Demo } from './harness'

let demo: Demo
let browser: Browser
const pages = pageTracker()

beforeAll(async () => {
  // Slow enough tokens that Stop lands mid-reply on any machine.
  demo = await startDemo({ askTokenDelayMs: 60, rateLimit: { burst: 100, perSecond: 100 } })
  browser = await launchBrowser()
  const ada = (await postJson(demo.url, '/api/join', { username: 'ada', client: 'ada' })).body as Session
  await postJson(demo.url, '/api/messages', { text: 'Ship it on <b>Friday</b>' }, { Authorization: `Bearer ${ada.token}` })
})

afterEach(() => pages.closeAll())

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

describe('Ask the wall', () => {
  it('streams the reply token by token; Stop ends it and the server sees the socket close', async () => {
    const { page, pageErrors } = await pages.open(browser, demo.url)
    const reply = page.getByTestId('ask-reply')
    await page.getByRole('textbox', { name: 'Question' }).fill('What is new?')
    await page.getByRole('button', { name: 'Ask' }).click()

    await expect.poll(() => reply.textContent()).toMatch(/^You asked “What is new\?”/)
    const early = (await reply.textContent()) ?? ''
    await expect.poll(async () => ((await reply.textContent()) ?? '').length).toBeGreaterThan(early.length)
    expect(await reply.textContent()).toMatch(new RegExp(`^${early.replace(/[?.()[\]]/g, '\\$&')}`))

    await page.getByRole('button', { name: 'Stop' }).click()
    await page.locator('[data-testid="ask-status"][data-status="aborted"]').waitFor()
    const stopped = await reply.textContent()
    expect(stopped).not.toMatch(/stop it halfway\.$/)
    // The server saw the client leave before the reply was done, and nothing arrived meanwhile.
    await vi.waitFor(() => expect(demo.askRequests.at(-1)).toEqual({ closed: true, completed: false }))
    expect(await reply.textContent()).toBe(stopped)
    expect(await page.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true)
    expect(pageErrors).toEqual([])
  })

  it('a reply left to run ends done, quoting the wall as text', async () => {
    const { page, pageErrors } = await pages.open(browser, demo.url)
    await page.getByRole('textbox', { name: 'Question' }).fill('Anything?')
    await page.getByRole('button', { name: 'Ask' }).click()
    await page.locator('[data-testid="ask-status"][data-status="done"]').waitFor({ timeout: 20_000 })
    const text = await page.getByTestId('ask-reply').textContent()
    expect(text).toContain('ada said “Ship it on <b>Friday</b>”.')
    expect(text).toMatch(/stop it halfway\.$/)
    expect(await page.getByTestId('ask-reply').locator('b').count()).toBe(0)
    expect(demo.askRequests.at(-1)).toEqual({ closed: true, completed: true })
    expect(pageErrors).toEqual([])
  })
})
