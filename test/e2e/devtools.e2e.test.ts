import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchBrowser } from './harness'
import { startDevtoolsServer, type DevtoolsServer } from './devtools/server'

let browser: Browser
let server: DevtoolsServer
const pages: Page[] = []
const output = new URL('../../test-output/', import.meta.url).pathname

beforeAll(async () => {
  browser = await launchBrowser()
  await mkdir(output, { recursive: true })
})
afterAll(async () => {
  await browser.close()
})
beforeEach(async () => {
  server = await startDevtoolsServer()
})
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.context().close()))
  await server.close()
})

async function open(query: string, options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}) {
  const { width = 1280, height = 800, colorScheme = 'light' } = options
  const context = await browser.newContext({ viewport: { width, height }, colorScheme })
  const page = await context.newPage()
  pages.push(page)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.url}/?${query}`)
  await page.locator('[data-testid=ticks][data-status=open]').waitFor()
  return { page, errors }
}

/** The table row of the stream at `path` (Playwright's role queries reach into the open shadow root). */
const row = (page: Page, path: string) => page.getByRole('row', { name: new RegExp(`${server.url}${path}`) })
const cells = async (page: Page, path: string) => row(page, path).getByRole('cell').allTextContents()
/** One cell of the stream's row, by its column's heading. */
async function column(page: Page, path: string, heading: string) {
  const headings = await page.getByRole('table', { name: 'Streams' }).getByRole('columnheader').allTextContents()
  return (await cells(page, path))[headings.indexOf(heading)]
}
const shot = (page: Page, name: string) => page.screenshot({ path: `${output}devtools-${name}.png` })

describe('SSEDevtools in Chromium against a real SSE server', () => {
  it('opens from its button; shows streams open, subscribers by type, live events, a restart with its backoff and the resumed id', async () => {
    const { page, errors } = await open('fetch')
    await page.locator('[data-testid=fetch-ticks][data-status=open]').waitFor()
    const toggle = page.getByRole('button', { name: /open sse devtools \(2 streams, open\)/i })
    await toggle.waitFor()
    await shot(page, 'desktop-light-closed')
    await toggle.click()
    await page.getByRole('region', { name: 'SSE devtools' }).waitFor()
    await expect.poll(() => column(page, '/events', 'Status')).toBe('open')
    expect(await column(page, '/events', 'URL')).toBe(`${server.url}/eventsEventSource`)
    expect(await column(page, '/events', 'Subscribers')).toBe('tick: 1 state, 1 listener · status: 1')
    expect(await column(page, '/events', 'Last error')).toBe('none')
    expect((await cells(page, '/fetch-events'))[0]).toBe(`${server.url}/fetch-eventsfetch GET`)

    server.emit(3)
    const log = page.getByRole('list', { name: 'Events, newest first' })
    await expect.poll(() => log.getByTestId('event-type').allTextContents()).toEqual(['tick', 'tick', 'tick'])
    await expect.poll(() => log.getByTestId('event').first().textContent()).toMatch(/tick #3 7 B\{"n":3\}/)
    await page.getByRole('button', { name: `${server.url}/fetch-events` }).click()
    await expect.poll(() => page.getByTestId('event-count').textContent()).toBe('3 shown · 3 received')
    await shot(page, 'desktop-light-open')

    await server.stop()
    await expect.poll(() => cells(page, '/events').then((c) => c[1])).toBe('reconnecting')
    await expect.poll(() => cells(page, '/fetch-events').then((c) => c[1])).toBe('reconnecting')
    await expect.poll(() => cells(page, '/fetch-events').then((c) => c[2]), { timeout: 10_000 }).toMatch(/^backoff · retry in \d+\.\d s$/)
    await shot(page, 'desktop-light-backoff')
    await page.getByRole('tab', { name: 'Timeline' }).click()
    await expect.poll(() => page.getByTestId('timeline-entry').first().getAttribute('data-phase')).toBe('backoff')

    const before = server.requests.length
    await server.restart()
    await expect.poll(() => cells(page, '/events').then((c) => c[1]), { timeout: 15_000 }).toBe('open')
    await expect.poll(() => cells(page, '/fetch-events').then((c) => c[1]), { timeout: 15_000 }).toBe('open')
    const resumed = server.requests.slice(before)
    expect(resumed.find((r) => r.path === '/events')?.lastEventId).toBe('3')
    expect(resumed.find((r) => r.path === '/fetch-events')?.lastEventId).toBe('3')
    server.emit()
    await expect.poll(() => cells(page, '/events').then((c) => c[3])).toBe('4')
    expect(Number((await cells(page, '/fetch-events'))[5])).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('timeline-entry').first().getAttribute('data-phase')).toBe('open')
    expect(errors).toEqual([])
  }, 60_000)

  it('looks right at 1280 px and 375 px, light and dark (screenshots in test-output/)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 375]) {
        const { page } = await open('fetch&open', { width, height: width === 375 ? 740 : 800, colorScheme })
        server.emit(2)
        await expect.poll(() => page.getByTestId('event').count()).toBeGreaterThan(0)
        const panel = page.getByRole('region', { name: 'SSE devtools' })
        const box = await panel.boundingBox()
        expect(box?.width).toBeLessThanOrEqual(width)
        // Every control can be reached: nothing is cut off the right edge.
        for (const name of ['Close panel', 'Dock right', 'Reconnect', 'Close stream', 'Pause', 'Clear']) {
          const button = page.getByRole('button', { name, exact: true })
          const at = await button.boundingBox()
          expect(at && at.x + at.width, name).toBeLessThanOrEqual(width)
        }
        await shot(page, `${width}-${colorScheme}`)
      }
    }
  }, 60_000)

  it("the app's global CSS does not change the panel, and the panel's CSS does not change the app", async () => {
    const styleOf = async (page: Page) => {
      if (page.url().includes('open')) await row(page, '/events').waitFor()
      return page.evaluate(() => {
        const root = document.querySelector('sse-devtools')?.shadowRoot
        const pick = (element: Element | null | undefined) => {
          const style = element ? getComputedStyle(element) : undefined
          return style && [style.color, style.fontSize, style.fontFamily, style.borderTopStyle, style.borderTopColor].join(' | ')
        }
        return {
          heading: pick(root?.querySelector('h2')),
          button: pick(root?.querySelector('button')),
          cell: pick(root?.querySelector('td')),
          appButton: pick(document.querySelector('.app-button')),
          appCell: pick(document.querySelector('.app-table td')),
        }
      })
    }
    const plain = await styleOf((await open('open')).page)
    const hostile = await styleOf((await open('open&css')).page)
    expect(plain.heading).toBeTruthy()
    expect({ heading: hostile.heading, button: hostile.button, cell: hostile.cell }).toEqual({
      heading: plain.heading,
      button: plain.button,
      cell: plain.cell,
    })
    // The page's CSS applies to the page (40px, lime borders)...
    expect(hostile.appButton).toContain('40px')
    expect(hostile.appCell).toContain('dashed')
    // ...and the panel's, open, does not: the app looks as it does with the panel closed.
    const closed = await styleOf((await open('')).page)
    expect({ appButton: plain.appButton, appCell: plain.appCell }).toEqual({ appButton: closed.appButton, appCell: closed.appCell })
  }, 60_000)

  it('20,000 events through the open panel: the log stays a ring of 500, and the heap stays bounded', async () => {
    const { page } = await open('open')
    const cdp = await page.context().newCDPSession(page)
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      return (await cdp.send('Runtime.getHeapUsage')).usedSize
    }
    const received = (count: number) =>
      expect.poll(() => page.getByTestId('event-count').textContent(), { timeout: 20_000 }).toBe(`500 shown · ${count} received`)
    // 1 kB payloads: keeping the 18,000 events past the ring would hold 18 MB more.
    server.emit(2_000, 1_000)
    await received(2_000)
    const full = await heap()
    for (let sent = 2_000; sent < 20_000; sent += 1_000) {
      server.emit(1_000, 1_000)
      await received(sent + 1_000)
    }
    const after = await heap()
    // A hundred rows in the DOM, the rest of the ring on request.
    expect(await page.getByTestId('event').count()).toBe(100)
    await page.getByRole('button', { name: 'Show all 500' }).click()
    expect(await page.getByTestId('event').count()).toBe(500)
    expect(after - full).toBeLessThan(4_000_000)
  }, 90_000)
})
