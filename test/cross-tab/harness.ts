import { vi } from 'vitest'
import { SSEClient } from '../../src/core/client'
import { crossTab, type CrossTabTransport } from '../../src/cross-tab/cross-tab'
import type { CrossTabOptions } from '../../src/cross-tab/environment'
import { createFakePage } from '../../src/testing/fake-page'
import { createMockTransport, type MockTransportControl } from '../../src/testing/mock-transport'
import { createFakeBrowser, type FakeTab } from './fake-browser'

export const URL = 'http://app.test/api/events'

export interface Tab {
  readonly tab: FakeTab
  readonly transport: CrossTabTransport
  readonly client: SSEClient
  /** Listens to `type` (listener form) and records every payload in order. */
  listen(type: string): unknown[]
  /** Keeps a state subscription on the stream. */
  hold(): () => void
  /** Unsubscribes everything `listen` and `hold` subscribed: the tab's components unmount. */
  leave(): void
  status(): string
  snapshot(): ReturnType<SSEClient['getSnapshot']>
  role(): string
}

/** Tabs sharing one mock server through cross-tab, in a fake browser; fake timers drive everything. */
export function createTabs(options: Partial<CrossTabOptions> = {}) {
  vi.useFakeTimers()
  const browser = createFakeBrowser()
  const server: MockTransportControl = createMockTransport()
  const tabs: Tab[] = []

  const open = (overrides: Partial<CrossTabOptions> = {}): Tab => {
    const tab = browser.tab()
    const transport = crossTab(server.transport, {
      locks: tab.locks,
      BroadcastChannel: tab.BroadcastChannel,
      tab: tab.lifecycle,
      ...options,
      ...overrides,
    })
    const client = new SSEClient({ transport, page: createFakePage(), reconnect: { initialDelay: 1000 } })
    const subscriptions: (() => void)[] = []
    const made: Tab = {
      tab,
      transport,
      client,
      listen(type) {
        const seen: unknown[] = []
        subscriptions.push(client.subscribe(URL, type, (data) => seen.push(data)))
        return seen
      },
      hold() {
        const stop = client.subscribeState(URL, () => {})
        subscriptions.push(stop)
        return stop
      },
      leave() {
        for (const stop of subscriptions.splice(0)) stop()
      },
      status: () => client.getSnapshot(URL).status,
      snapshot: () => client.getSnapshot(URL),
      role: () => transport.getSnapshot(URL).role,
    }
    tabs.push(made)
    return made
  }

  return {
    browser,
    server,
    tabs,
    open,
    /** Lets every pending delivery, grant and timer due within `ms` run. */
    async settle(ms = 0) {
      await vi.advanceTimersByTimeAsync(ms)
      // A task queued while timers run is due a millisecond later (fake timers' rule).
      for (let round = 0; round < 10; round++) await vi.advanceTimersByTimeAsync(1)
    },
    /** Connections to the server that are still open. */
    live: () => server.connections.filter((connection) => !connection.closed),
    leader: () => tabs.find((tab) => tab.role() === 'leader'),
  }
}
