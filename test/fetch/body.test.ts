// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { setupFetchHarness } from './harness'
import { stream, type Hit } from './server'
import { message, WAIT } from './sink'

const h = setupFetchHarness()

/** Sends one event with id n+1 (n = Last-Event-ID) and ends the stream. */
const oneThenEnd = (hit: Hit) => {
  const next = Number(hit.lastEventId ?? 0) + 1
  stream(hit, `retry: 20\nid: ${next}\ndata: ${next}\n\n`)
  hit.response.end()
}

describe('fetchTransport method and body', () => {
  it('POSTs a plain object as JSON with its Content-Type', async () => {
    const { opens } = h.open({ body: { messages: [{ role: 'user', content: 'hé' }] } })
    await vi.waitFor(() => expect(opens()).toBe(1), WAIT)
    const [hit] = h.server.hits
    expect(hit?.method).toBe('POST')
    expect(hit?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(hit?.body ?? '')).toEqual({ messages: [{ role: 'user', content: 'hé' }] })
  })

  it('sends a string body as it is, with the method and Content-Type given', async () => {
    const { opens } = h.open({ method: 'put', body: 'q=1', headers: { 'Content-Type': 'text/plain' } })
    await vi.waitFor(() => expect(opens()).toBe(1), WAIT)
    expect(h.server.hits[0]).toMatchObject({
      method: 'PUT',
      body: 'q=1',
      headers: expect.objectContaining({ 'content-type': 'text/plain' }),
    })
  })

  it('a dropped POST stream is not re-sent: it stops for good', async () => {
    h.server.respond(oneThenEnd)
    const { errors, events } = h.open({ body: { q: 1 } })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, final: true, message: expect.stringContaining('resendAfterDrop') })
    expect(events()).toEqual([message('1', '1')])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(h.server.hits).toHaveLength(1)
  })

  it('resendAfterDrop: a dropped POST stream reconnects after retry:, with the body again, a fresh one from a function, and Last-Event-ID', async () => {
    h.server.respond(oneThenEnd)
    let calls = 0
    const { events, errors } = h.open({ body: () => ({ call: ++calls }), resendAfterDrop: true })
    await vi.waitFor(() => expect(events()).toHaveLength(3), WAIT)
    const [first, second, third] = h.server.hits
    expect([first?.body, second?.body, third?.body]).toEqual(['{"call":1}', '{"call":2}', '{"call":3}'])
    expect([first?.lastEventId, second?.lastEventId, third?.lastEventId]).toEqual([undefined, '1', '2'])
    expect(second?.method).toBe('POST')
    expect(errors().every((failure) => !failure.fatal)).toBe(true)
    expect(events()).toEqual([message('1', '1'), message('2', '2'), message('3', '3')])
  })

  it('GET reconnects after a dropped stream by default', async () => {
    h.server.respond(oneThenEnd)
    const { events } = h.open()
    await vi.waitFor(() => expect(events()).toHaveLength(2), WAIT)
    expect(h.server.hits.map((hit) => [hit.method, hit.lastEventId])).toEqual([
      ['GET', undefined],
      ['GET', '1'],
    ])
  })
})
