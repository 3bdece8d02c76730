import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page, type Route } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { createChatServer, type ChatServer, type ChatServerOptions } from '../../demo/server/chat-server'
import { demoConfig } from '../../demo/server/vite-plugin'

export interface StreamRequest {
  readonly url: string
  readonly lastEventId: string | undefined
}

export interface Demo {
  readonly url: string
  readonly chat: ChatServer
  /** Every request to /api/events the server received, with its Last-Event-ID header. */
  readonly streamRequests: StreamRequest[]
  /** Stops the HTTP server: every connection is cut and the port refuses new ones. */
  stop(): Promise<void>
  /** Starts a new HTTP server on the same port, in front of the same chat (its events survive, like a database). */
  start(): Promise<void>
  close(): Promise<void>
}

async function listen(chat: ChatServer, port: number): Promise<ViteDevServer> {
  const server = await createServer({
    ...demoConfig({ chat }),
    configFile: false,
    logLevel: 'warn',
    clearScreen: false,
    // No HMR socket or file watching: HMR would reload the page when the server
    // comes back, and hide the resume under test. openChat answers the client's socket itself.
    server: { host: '127.0.0.1', port, strictPort: true, ws: false, watch: null },
  })
  await server.listen()
  return server
}

/** The demo as `npm run demo` serves it: Vite with the chat server mounted, on an ephemeral port. */
export async function startDemo(options: ChatServerOptions = {}): Promise<Demo> {
  const chat = createChatServer(options)
  const streamRequests: StreamRequest[] = []
  const recorded: ChatServer = {
    ...chat,
    handle(req, res, next) {
      if (req.url?.startsWith('/api/events')) {
        const header = req.headers['last-event-id']
        streamRequests.push({ url: req.url, lastEventId: typeof header === 'string' ? header : undefined })
      }
      chat.handle(req, res, next)
    },
  }
  let server: ViteDevServer | undefined = await listen(recorded, 0)
  const { port } = server.httpServer?.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    chat,
    streamRequests,
    async stop() {
      await server?.close()
      server = undefined
    },
    async start() {
      server ??= await listen(recorded, port)
    },
    async close() {
      await server?.close()
      server = undefined
      chat.close()
    },
  }
}

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
  /** The id this tab gives the server in its stream URL. */
  clientId(): string
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

/** Opens the demo in a fresh browser context (its own storage and connection pool) and waits for the stream. */
export async function openChat(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<ChatPage> {
  const context = await browser.newContext({ viewport })
  // Vite's HMR client: an open socket that never says anything, as with a server whose files never change.
  await context.routeWebSocket(/\/\?token=/, () => {})
  const page = await context.newPage()
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
  const chat: ChatPage = {
    page,
    streamRequests,
    pageErrors,
    dialogs,
    requestedPaths,
    clientId() {
      const first = streamRequests[0]
      if (!first) throw new Error('the page opened no stream')
      return new URL(first).searchParams.get('client') ?? ''
    },
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
    close: () => context.close(),
  }
  await badge.and(page.locator('[data-status="open"]')).waitFor()
  return chat
}

/** Opens pages for one test and closes them after it. */
export function pageTracker() {
  const open: ChatPage[] = []
  return {
    async open(...args: Parameters<typeof openChat>) {
      const chat = await openChat(...args)
      open.push(chat)
      return chat
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((chat) => chat.close()))
    },
  }
}

/** A request to the demo's API from outside the browser (another client, or the test itself). */
export async function api(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, init)
  const body: unknown = await response.json().catch(() => null)
  return { status: response.status, headers: response.headers, body }
}

export const postJson = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(base, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

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
