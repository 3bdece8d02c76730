// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { FetchHeadersReason } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { stream, type Hit } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()

const answer =
  (status: number, headers: Record<string, string> = {}) =>
  (hit: Hit) =>
    void hit.response.writeHead(status, headers).end(status === 204 ? undefined : `status ${status}`)

/** Resolves after `ms` real milliseconds: only to show that nothing more happens. */
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('fetchTransport HTTP answers', () => {
  it('401: calls headers again and retries once at once with the fresh token', async () => {
    h.server.respond((hit) => (hit.seq === 1 ? answer(401)(hit) : stream(hit, 'data: in\n\n')))
    const reasons: FetchHeadersReason[] = []
    const { events, errors } = h.open({ headers: (reason) => ({ Authorization: `Bearer ${reasons.push(reason)}` }) })
    await vi.waitFor(() => expect(events()).toHaveLength(1), WAIT)
    expect(reasons).toEqual(['connect', 'unauthorized'])
    expect(h.server.hits.map((hit) => hit.headers.authorization)).toEqual(['Bearer 1', 'Bearer 2'])
    expect(errors()).toEqual([])
  })

  it('401 twice in a row: fatal with status 401, no third request from the transport', async () => {
    h.server.respond(answer(401))
    const { errors } = h.open({ headers: () => ({ Authorization: 'Bearer stale' }) })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, status: 401 })
    await quietFor(100)
    expect(h.server.hits).toHaveLength(2)
  })

  it.each([
    [429, '7', 7000],
    [503, '1', 1000],
  ])('%i with Retry-After: %s → fatal with retryAfter %i ms', async (status, header, ms) => {
    h.server.respond(answer(status, { 'Retry-After': header }))
    const { errors } = h.open()
    await vi.waitFor(() => expect(errors()).toEqual([expect.objectContaining({ fatal: true, status, retryAfter: ms })]), WAIT)
  })

  it('503 with Retry-After as an HTTP date → the time until then', async () => {
    h.server.respond(answer(503, { 'Retry-After': new Date(Date.now() + 10_000).toUTCString() }))
    const { errors } = h.open()
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]?.retryAfter).toBeGreaterThan(8000)
    expect(errors()[0]?.retryAfter).toBeLessThanOrEqual(10_000)
  })

  it('204: final, and nothing is requested again', async () => {
    h.server.respond(answer(204))
    const { errors, opens } = h.open()
    await vi.waitFor(() => expect(errors()).toEqual([expect.objectContaining({ final: true, status: 204 })]), WAIT)
    await quietFor(100)
    expect(h.server.hits).toHaveLength(1)
    expect(opens()).toBe(0)
  })

  it('500: fatal with the status, left to the stream backoff (the transport does not retry)', async () => {
    h.server.respond(answer(500))
    const { errors } = h.open()
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, status: 500 })
    expect(errors()[0]?.final).toBeFalsy()
    await quietFor(100)
    expect(h.server.hits).toHaveLength(1)
  })

  it('a wrong Content-Type: fatal, the message names it, nothing dispatched', async () => {
    h.server.respond((hit) => void hit.response.writeHead(200, { 'Content-Type': 'application/json' }).end('data: no\n\n'))
    const { errors, events, opens } = h.open()
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, message: expect.stringContaining('application/json') })
    expect(events()).toEqual([])
    expect(opens()).toBe(0)
  })

  it('text/event-stream with parameters is an event stream', async () => {
    h.server.respond((hit) => {
      hit.response.writeHead(200, { 'Content-Type': 'Text/Event-Stream; charset=utf-8' })
      hit.response.write('data: ok\n\n')
    })
    const { events } = h.open()
    await vi.waitFor(() => expect(events()).toHaveLength(1), WAIT)
  })

  it('no response at all (connection refused): fatal with no status', async () => {
    const { errors } = h.open({}, { url: 'http://127.0.0.1:1/events' })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, message: expect.stringContaining('failed') })
    expect(errors()[0]?.status).toBeUndefined()
  })
})
