import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core'

export { api, postJson } from './api'
export { startDemo, type Demo, type StreamRequest } from './demo-server'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface ChatPage {
  readonly page: Page
  /** Requests this page made to /api/events, in order. */
  readonly streamRequests: string[]
  /** Uncaught exceptions in the page. */
  readonly pageErrors: string[]
  /** Dialogs the page opened (alert, confirm, prompt): none is expected. */
  readonly dialogs: string[]
  /** Paths of every request the page made. */
  readonly requestedPaths: string[]
  /** The session token this page's browser keeps since it joined, or null. */
  token(): Promise<string | null>
  /** The id this page's browser gives the server in its stream URL: the same in every tab of that browser. */
  clientId(): string
  /** This tab's part in the shared connection, as the Connections panel shows it: `leader`, `follower`, `alone`, `idle`. */
  role(): Promise<string | null>
  /** The number of tabs sharing the connection, as the panel shows it. */
  sharedTabs(): Promise<string | null>
  join(username: string): Promise<void>
  /** Posts through the composer and resolves with the HTTP status. */
  send(text: string): Promise<number>
  /** Posts through the composer and fails unless the server accepted it. */
  post(text: string): Promise<void>
  /** What the connection badge shows. */
  status(): Promise<string | null>
  /** Resolves when the connection badge shows `status`. */
  waitForStatus(status: 'connecting' | 'open' | 'reconnecting' | 'closed'): Promise<void>
  messages(): Promise<{ author: string; text: string }[]>
  close(): Promise<void>
}

export interface Viewport {
  width: number
  height: number
}

/** One browser (a context: its own storage, Web Locks and connection pool), to open several tabs in. */
export interface ChatBrowser {
  readonly context: BrowserContext
  /** Opens the demo in a new tab of this browser and waits until its stream is open. */
  open(url: string): Promise<ChatPage>
  /** Closes every tab of this browser. */
  close(): Promise<void>
}

export async function openBrowser(browser: Browser, viewport: Viewport = { width: 1280, height: 800 }): Promise<ChatBrowser> {
  const context = await browser.newContext({ viewport })
  return {
    context,
    async open(url) {
      const page = await context.newPage()
      return openTab(page, url, () => page.close())
    },
    close: () => context.close(),
  }
}

/** Opens the demo in a fresh browser context (its own storage and connection pool) and waits for the stream. */
export async function openChat(browser: Browser, url: string, viewport?: Viewport): Promise<ChatPage> {
  const own = await openBrowser(browser, viewport)
  return openTab(await own.context.newPage(), url, () => own.close())
}

/** The demo in `page`, once its stream is open (its own, or the one another tab of its browser holds). */
async function openTab(page: Page, url: string, close: () => Promise<void>): Promise<ChatPage> {
  const streamRequests: string[] = []
  const requestedPaths: string[] = []
  const pageErrors: string[] = []
  const dialogs: string[] = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    requestedPaths.push(pathname)
    if (pathname === '/api/events') streamRequests.push(request.url())
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(url)

  const badge = page.getByTestId('connection-status')
  const role = page.getByTestId('tab-role')
  // Read from the page: a tab that follows another opens no stream of its own to read it from.
  const clientId = await page.evaluate(() => localStorage.getItem('sse-hooks-demo:client'))
  if (!clientId) throw new Error('the page keeps no client id')
  const chat: ChatPage = {
    page,
    streamRequests,
    pageErrors,
    dialogs,
    requestedPaths,
    clientId: () => clientId,
    token: () =>
      page.evaluate(
        () => (JSON.parse(localStorage.getItem('sse-hooks-demo:session') ?? 'null') as { token?: string } | null)?.token ?? null,
      ),
    role: () => role.getAttribute('data-role'),
    sharedTabs: () => page.getByTestId('shared-tabs').textContent(),
    async join(username) {
      await page.getByLabel(/name/i).fill(username)
      await page.getByRole('button', { name: /^(join|rename)$/i }).click()
      await page.getByRole('heading', { name: `Hi, ${username}` }).waitFor()
    },
    async send(text) {
      await page.getByRole('textbox', { name: 'Message' }).fill(text)
      const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/messages')
      await page.getByRole('button', { name: 'Send' }).click()
      return (await response).status()
    },
    async post(text) {
      const status = await chat.send(text)
      if (status !== 201) throw new Error(`posting ${JSON.stringify(text)} failed with ${status}`)
    },
    status: () => badge.getAttribute('data-status'),
    waitForStatus: (status) => page.locator(`[data-testid="connection-status"][data-status="${status}"]`).waitFor(),
    async messages() {
      return page.getByTestId('message').evaluateAll((items) =>
        items.map((item) => ({
          author: item.querySelector('[data-testid="message-author"]')?.textContent ?? '',
          text: item.querySelector('[data-testid="message-text"]')?.textContent ?? '',
        })),
      )
    },
    close,
  }
  await badge.and(page.locator('[data-status="open"]')).waitFor()
  return chat
}

/** Opens pages (each in a browser of its own) and browsers (to open tabs in) for one test, and closes them after it. */
export function pageTracker() {
  const open: { close(): Promise<void> }[] = []
  return {
    async open(...args: Parameters<typeof openChat>) {
      const chat = await openChat(...args)
      open.push(chat)
      return chat
    },
    async browser(...args: Parameters<typeof openBrowser>) {
      const opened = await openBrowser(...args)
      open.push(opened)
      return opened
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((item) => item.close()))
    },
  }
}

/**
 * Holds the page's requests to /api/events at the door until `release()`: the
 * page stays disconnected while the server is up, so others can post meanwhile.
 */
export async function holdStreams(page: Page) {
  const held: Route[] = []
  let open = false
  await page.route(
    (url) => url.pathname === '/api/events',
    (route) => (open ? route.continue() : void held.push(route)),
  )
  return {
    async release() {
      open = true
      await Promise.all(held.splice(0).map((route) => route.continue()))
    },
  }
}
