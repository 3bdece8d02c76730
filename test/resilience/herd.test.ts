// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import type { SSEOptions } from '../../src/index'
import { fast, setupHarness } from './harness'

const h = setupHarness()

const STREAMS = 50
const WINDOW_MS = 100

describe('scenario 4: 50 streams failing at the same moment', () => {
  it('our retries are spread by jitter, not a burst (requests per 100 ms window)', async () => {
    // The default first delay (up to 1 s) so the spread is measured on the scale it has in production.
    const options = { ...fast, reconnect: { initialDelay: 1000, maxDelay: 30_000, maxRetries: 3 } } satisfies SSEOptions
    // One client per stream: 50 users of one server, not one page over its connection budget.
    const clients = Array.from({ length: STREAMS }, () => h.newClient(options))
    const urls = clients.map((_, i) => `${h.server.url}/herd?stream=${i}`)
    clients.forEach((client, i) => h.track(client.subscribeState(urls[i] ?? '', () => {}, options)))
    await vi.waitFor(() => expect(clients.every((client, i) => client.getSnapshot(urls[i] ?? '', options).status === 'open')).toBe(true), {
      timeout: 10_000,
      interval: 10,
    })

    // The server restarts: every stream ends now, and it answers 503 for a while. Each browser
    // retries on its own after `retry: 20` (no jitter there), gets the 503 and gives up; the
    // retry after that is ours.
    h.server.herdDown()
    const ours = () => urls.map((_, i) => h.server.requestsTo('/herd', String(i))[2]).filter((request) => request !== undefined)
    await vi.waitFor(() => expect(ours()).toHaveLength(STREAMS), { timeout: 10_000, interval: 20 })

    const refused = urls.map((_, i) => h.server.requestsTo('/herd', String(i))[1]?.at ?? Infinity)
    const start = Math.min(...refused)
    const perWindow = new Map<number, number>()
    for (const request of ours()) {
      const window = Math.floor((request.at - start) / WINDOW_MS)
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1)
    }
    // Uniform over [0, 1000 ms): about 5 per window. A burst would put all 50 in one or two.
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(20)
    expect(perWindow.size).toBeGreaterThanOrEqual(5)
  })
})
