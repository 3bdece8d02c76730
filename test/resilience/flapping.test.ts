import { EventSource } from 'eventsource'
import { describe, expect, it } from 'vitest'
import { setupHarness } from './harness'

// The default retry policy, the `eventsource` package as EventSource, no close grace.
const h = setupHarness({ EventSource, closeDelay: 0 })

const WINDOW_MS = 10_000

describe('scenario 9: a server that sends one event per connection and hangs up', () => {
  it(
    'with `retry: 10` gets at most 10 requests in 10 s and every event once; with `retry: 3000` keeps its own pace',
    async () => {
      // Both servers run side by side over the same 10 s, each with its own client.
      const stormy = `${h.server.url}/resume?stream=stormy&batch=1&total=1000&retry=10&end=close`
      const paced = `${h.server.url}/resume?stream=paced&batch=1&total=1000&retry=3000&end=close`
      const received = { stormy: [] as number[], paced: [] as number[] }
      h.track(h.client.subscribe(stormy, 'message', (data: { n: number }) => received.stormy.push(data.n)))
      h.track(h.newClient().subscribe(paced, 'message', (data: { n: number }) => received.paced.push(data.n)))

      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))

      const stormyRequests = h.server.requestsTo('/resume', 'stormy')
      expect(stormyRequests.length).toBeGreaterThanOrEqual(4) // the browser's own quick retries came first
      expect(stormyRequests.length).toBeLessThanOrEqual(10)
      // Every event it sent arrived once, in order: each request resumed where the last one ended.
      expect(received.stormy).toEqual(Array.from({ length: received.stormy.length }, (_, i) => i + 1))
      expect(stormyRequests.map((request) => request.resumeFrom)).toEqual(received.stormy.map((n) => n - 1).slice(0, stormyRequests.length))

      const pacedRequests = h.server.requestsTo('/resume', 'paced')
      const gaps = pacedRequests.slice(1).map((request, i) => request.at - (pacedRequests[i]?.at ?? 0))
      expect(pacedRequests).toHaveLength(4) // t = 0, 3, 6, 9 s
      for (const gap of gaps) expect(gap).toBeGreaterThan(2900)
      for (const gap of gaps) expect(gap).toBeLessThan(3600)
      // The browser reconnected by itself every time, with the header: sse-hooks never took over.
      expect(pacedRequests.slice(1).every((request) => request.lastEventIdHeader !== undefined)).toBe(true)
      expect(received.paced).toEqual([1, 2, 3, 4])
    },
    WINDOW_MS + 5000,
  )
})
