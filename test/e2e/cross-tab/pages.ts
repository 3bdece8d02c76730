import type { BrowserContext, Page } from 'playwright-core'

interface TabsApi {
  events: Record<string, { data: unknown; id: string; at: number }[]>
  headerCalls: string[]
  subscribe(type: string): void
  unsubscribe(type: string): void
  current(type: string): unknown
  snapshot(): { status: string; readyState: number; lastEventId: string; error: { message: string; status?: number } | null }
  role(): { role: string; tabs: number }
  close(): void
  reconnect(): void
  leave(): void
}

declare global {
  interface Window {
    tabs: TabsApi
  }
}

/** One page of the test app, with what its `window.tabs` tells. */
export interface TabPage {
  readonly page: Page
  /** The payloads of `type` this page's listener received, in order. */
  events(type?: string): Promise<unknown[]>
  snapshot(): Promise<ReturnType<TabsApi['snapshot']>>
  role(): Promise<{ role: string; tabs: number }>
  run<T>(action: (tabs: TabsApi) => T): Promise<T>
}

export async function openTab(context: BrowserContext, base: string, query = ''): Promise<TabPage> {
  const page = await context.newPage()
  await page.goto(`${base}/?${query}`)
  await page.waitForFunction(() => 'tabs' in window)
  return {
    page,
    events: (type = 'tick') => page.evaluate((name) => (window.tabs.events[name] ?? []).map((event) => event.data), type),
    snapshot: () => page.evaluate(() => window.tabs.snapshot()),
    role: () => page.evaluate(() => window.tabs.role()),
    run: (action) => page.evaluate(`(${action.toString()})(window.tabs)`) as never,
  }
}

/** Resolves once `check` holds, polling; fails with `what` after `timeout` ms. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeout = 5000): Promise<number> {
  const started = Date.now()
  for (;;) {
    if (await check()) return Date.now() - started
    if (Date.now() - started > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** 1, 2, …, n */
export const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from)
