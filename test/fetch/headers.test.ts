// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { FetchHeadersReason } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { stream, type Hit } from './server'
import { message, WAIT } from './sink'

const h = setupFetchHarness()

/** Blocks 1–4, block 2 an id with no data. The first connection ends after block 2; later ones resume after Last-Event-ID. */
const blocks = ['id: 1\ndata: a\n\n', 'id: 2\n\n', 'id: 3\ndata: c\n\n', 'id: 4\ndata: d\n\n']
const resume = (hit: Hit) => {
  const from = Number(hit.lastEventId ?? 0)
  if (hit.seq === 1) {
    stream(hit, 'retry: 20\n\n' + blocks.slice(0, 2).join(''))
    hit.response.end()
  } else stream(hit, blocks.slice(from).join(''))
}

describe('fetchTransport headers', () => {
  it('sends a static header and Accept: text/event-stream', async () => {
    const { opens } = h.open({ headers: { 'X-Static': 'yes' } })
    await vi.waitFor(() => expect(opens()).toBe(1), WAIT)
    expect(h.server.hits[0]?.headers).toMatchObject({ 'x-static': 'yes', accept: 'text/event-stream' })
    expect(h.server.hits[0]?.lastEventId).toBeUndefined()
  })

  it('calls an async headers function before every request; a reconnect carries the fresh token and the last id, an id-only block included', async () => {
    h.server.respond(resume)
    const reasons: FetchHeadersReason[] = []
    const { events, calls } = h.open({
      headers: async (reason) => {
        reasons.push(reason)
        await Promise.resolve()
        return { Authorization: `Bearer token-${reasons.length}` }
      },
    })
    await vi.waitFor(() => expect(events()).toHaveLength(3), WAIT)

    const [first, second] = h.server.hits
    expect(first?.headers.authorization).toBe('Bearer token-1')
    expect(second?.headers.authorization).toBe('Bearer token-2')
    expect(second?.lastEventId).toBe('2')
    expect(reasons).toEqual(['connect', 'reconnect'])
    // Nothing lost, nothing twice: the server replayed after block 2.
    expect(events()).toEqual([message('a', '1'), message('c', '3'), message('d', '4')])
    expect(calls.map((c) => c.call)).toEqual(['open', 'retry', 'event', 'id', 'error', 'open', 'event', 'event'])
    expect(calls).toContainEqual({ call: 'id', id: '2' })
    expect(calls).toContainEqual({ call: 'error', failure: expect.objectContaining({ fatal: false }) })
  })

  it('starts from the request lastEventId and sends it as a UTF-8 header', async () => {
    const { opens } = h.open({}, { lastEventId: 'résumé…' })
    await vi.waitFor(() => expect(opens()).toBe(1), WAIT)
    expect(h.server.hits[0]?.lastEventId).toBe('résumé…')
  })

  it('takes credentials from the request unless the option says, and uses the injected fetch', async () => {
    const seen: (RequestCredentials | undefined)[] = []
    const spy = (input: string, init: RequestInit) => {
      seen.push(init.credentials)
      return fetch(input, init)
    }
    const a = h.open({ fetch: spy }, { withCredentials: true })
    const b = h.open({ fetch: spy }, { withCredentials: false })
    const c = h.open({ fetch: spy, credentials: 'omit' }, { withCredentials: true })
    await vi.waitFor(() => expect(a.opens() + b.opens() + c.opens()).toBe(3), WAIT)
    expect(seen.sort()).toEqual(['include', 'omit', 'same-origin'])
  })

  it('does not put header values into errors', async () => {
    h.server.respond((hit) => void hit.response.writeHead(500).end())
    const { errors } = h.open({ headers: { Authorization: 'Bearer secret-token' } })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(JSON.stringify(errors()) + String(errors()[0]?.message)).not.toContain('secret-token')
  })
})
