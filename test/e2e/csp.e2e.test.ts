/** The page under its Content-Security-Policy in Chromium: the header is there, nothing is refused, and the page works. */
import { mkdir } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, pageTracker, startDemo, type Demo } from './harness'

let demo: Demo
let browser: Browser
const pages = pageTracker()

beforeAll(async () => {
  demo = await startDemo({ rateLimit: { burst: 100, perSecond: 100 }, askTokenDelayMs: 1 })
  browser = await launchBrowser()
})

afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
  await demo?.close()
})

it('serves the page with its CSP and works under it: join, post, the stream, stats and Ask; only an injected script is refused', async () => {
  const own = await pages.browser(browser)
  const violations: string[] = []
  // Recorded from the first script on, before the page's own.
  await own.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = (Reflect.get(window, 'cspViolations') as string[] | undefined) ?? []
      Reflect.set(window, 'cspViolations', [...seen, `${event.violatedDirective} ${event.blockedURI}`])
    })
  })
  const served = own.context.waitForEvent('response', (response) => new URL(response.url()).pathname === '/')
  const chat = await own.open(demo.url)
  chat.page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  const headers = await (await served).allHeaders()
  expect(headers['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors 'none'/)

  await chat.join('Ada')
  await chat.post('Works under the policy')
  await chat.page.getByTestId('message').filter({ hasText: 'Works under the policy' }).waitFor()
  await expect.poll(() => chat.page.getByTestId('server-connections').textContent(), { timeout: 5000 }).toBe('1')
  await chat.page.getByRole('textbox', { name: 'Question' }).fill('What is new?')
  await chat.page.getByRole('button', { name: 'Ask' }).click()
  await chat.page.locator('[data-testid="ask-status"][data-status="done"]').waitFor()

  // The devtools panel is styled under the policy: its sheet is a constructed one, not inline style.
  await chat.page.getByRole('button', { name: /Open SSE devtools/ }).click()
  const panelFontSize = await chat.page.evaluate(() => {
    const panel = document.querySelector('sse-devtools')?.shadowRoot?.querySelector('section.panel')
    return panel ? getComputedStyle(panel).fontSize : null
  })
  expect(panelFontSize).toBe('12px') // unstyled, it would be the browser's 16px
  await chat.page.screenshot({ path: 'test-output/demo-devtools.png', animations: 'disabled', caret: 'hide' })
  await chat.page.keyboard.press('Escape')

  // A script the page did not ship is refused: the policy is in force, not just sent.
  const inline = await chat.page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.inlineRan = true'
    document.body.append(script)
    return Reflect.get(window, 'inlineRan') as unknown
  })
  expect(inline).toBeUndefined()
  // The violation event is dispatched after the script is refused, not at once.
  const recorded = async () => (await chat.page.evaluate(() => Reflect.get(window, 'cspViolations') as string[] | undefined)) ?? []
  await expect.poll(recorded, { timeout: 5000 }).toEqual(['script-src-elem inline'])
  expect(violations.filter((text) => !/inline/.test(text))).toEqual([])

  await mkdir('test-output', { recursive: true })
  await chat.page.screenshot({ path: 'test-output/demo-csp.png', fullPage: true, animations: 'disabled', caret: 'hide' })
  expect(chat.pageErrors).toEqual([])
})
