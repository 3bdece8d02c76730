// @vitest-environment node
/** fetchTransport under the stream, through `new SSEClient({ transport })`: what subscribers see. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, type SSEOptions, type StreamSnapshot, type Unsubscribe } from '../../src/index'
import { fetchTransport, type FetchTransportOptions } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { stream, type Hit } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()
const subscriptions: Unsubscribe[] = []
afterEach(() => {
  for (const unsubscribe of subscriptions.splice(0)) unsubscribe()
})

const fast = { closeDelay: 0, reconnect: { initialDelay: 20, maxDelay: 80, maxRetries: 5 } } satisfies SSEOptions

/** Subscribes to `message` on the server's /events through a fetch transport; records data and snapshots. */
function follow(options: FetchTransportOptions = {}) {
  const client = new SSEClient({ ...fast, transport: fetchTransport(options) })
  const url = `${h.server.url}/events`
  const data: unknown[] = []
  const states: StreamSnapshot[] = []
  subscriptions.push(client.subscribe(url, 'message', (value) => data.push(value)))
  subscriptions.push(client.subscribeState(url, () => states.push(client.getSnapshot(url))))
  return { data, states, snapshot: () => client.getSnapshot(url) }
}

const answer =
  (status: number, headers: Record<string, string> = {}) =>
  (hit: Hit) =>
    void hit.response.writeHead(status, headers).end()

describe('fetchTransport under the stream', () => {
  it('503 with Retry-After: 1 → no request before 1 s, one after', async () => {
    h.server.respond((hit) => (hit.seq === 1 ? answer(503, { 'Retry-After': '1' })(hit) : stream(hit, 'data: 1\n\n')))
    const { data, snapshot } = follow()
    await vi.waitFor(() => expect(snapshot().error?.status).toBe(503), WAIT)
    await vi.waitFor(() => expect(data).toEqual([1]), WAIT)
    const [first, second] = h.server.hits
    expect((second?.at ?? 0) - (first?.at ?? Infinity)).toBeGreaterThanOrEqual(990)
    expect(h.server.hits).toHaveLength(2)
  })

  it('500 → error.status 500, then a backoff retry that opens', async () => {
    h.server.respond((hit) => (hit.seq === 1 ? answer(500)(hit) : stream(hit, 'data: 2\n\n')))
    const { data, states } = follow()
    await vi.waitFor(() => expect(data).toEqual([2]), WAIT)
    expect(states.some((s) => s.status === 'reconnecting' && s.error?.status === 500)).toBe(true)
    expect(states.at(-1)).toMatchObject({ status: 'open', error: null })
  })

  it('204 → closed for good', async () => {
    h.server.respond(answer(204))
    const { snapshot } = follow()
    await vi.waitFor(() => expect(snapshot().status).toBe('closed'), WAIT)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(h.server.hits).toHaveLength(1)
  })

  it('401 twice in a row → error.status 401 (after one immediate retry)', async () => {
    h.server.respond(answer(401))
    const { snapshot } = follow({ headers: () => ({ Authorization: 'Bearer stale' }) })
    await vi.waitFor(() => expect(snapshot().error).toMatchObject({ kind: 'connection', status: 401 }), WAIT)
    expect(h.server.hits.length).toBeGreaterThanOrEqual(2)
  })

  it('a dropped stream: reconnecting, then open again from the last id (the transport retries by itself)', async () => {
    h.server.respond((hit) => {
      if (hit.seq > 1) return stream(hit, 'id: 2\ndata: 2\n\n')
      stream(hit, 'retry: 30\nid: 1\ndata: 1\n\n')
      hit.response.end()
    })
    const { data, states } = follow()
    await vi.waitFor(() => expect(data).toEqual([1, 2]), WAIT)
    expect(states.map((s) => s.status)).toContain('reconnecting')
    expect(states.at(-1)).toMatchObject({ status: 'open', lastEventId: '2' })
    expect(h.server.hits[1]?.lastEventId).toBe('1')
  })

  it('an event past maxBufferSize → a size error; the stream reconnects and carries on', async () => {
    h.server.respond((hit) => stream(hit, hit.seq === 1 ? `data: 1\n\ndata: ${'x'.repeat(4000)}` : 'data: 3\n\n'))
    const { data, states } = follow({ maxBufferSize: 1000 })
    await vi.waitFor(() => expect(data).toEqual([1, 3]), WAIT)
    expect(states.some((s) => s.error?.kind === 'size')).toBe(true)
  })
})
