// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { fetchTransport } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { stream } from './server'
import { message, recordingSink, WAIT } from './sink'

const h = setupFetchHarness()
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('fetchTransport connection lifecycle', () => {
  it('close() aborts the request: the server sees the socket end', async () => {
    const { opens, connection } = h.open()
    await vi.waitFor(() => expect(opens()).toBe(1), WAIT)
    expect(h.server.hits[0]?.closedAt).toBeUndefined()
    connection.close()
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('no sink call after close(), even for events already in the same chunk', async () => {
    h.server.respond((hit) => stream(hit, 'data: 1\n\ndata: 2\n\n: beat\n\n'))
    const { sink, calls } = recordingSink()
    const connection = fetchTransport().open(
      { url: `${h.server.url}/events`, lastEventId: '', withCredentials: false, types: [] },
      {
        ...sink,
        event(event) {
          sink.event(event)
          connection.close()
        },
      },
    )
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect(calls).toEqual([{ call: 'open' }, { call: 'event', message: message('1') }])
  })

  it('close() while waiting to reconnect: no request follows', async () => {
    h.server.respond((hit) => void (stream(hit, 'retry: 50\n\n'), hit.response.end()))
    const { errors, connection } = h.open()
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    connection.close()
    await quietFor(150)
    expect(h.server.hits).toHaveLength(1)
  })

  it('close() while the headers function runs: no request at all', async () => {
    let release = () => {}
    const headers = () =>
      new Promise<HeadersInit>((resolve) => {
        release = () => resolve({})
      })
    const { connection, calls } = h.open({ headers })
    connection.close()
    release()
    await quietFor(50)
    expect(h.server.hits).toHaveLength(0)
    expect(calls).toEqual([])
  })

  it('heartbeat comments keep a stream alive; silence past heartbeatTimeout reopens it with Last-Event-ID', async () => {
    h.server.respond((hit) => {
      stream(hit, 'retry: 10\nid: 7\ndata: x\n\n')
      if (hit.seq > 1) return
      let beats = 0
      const beat = setInterval(() => {
        if (hit.response.destroyed || ++beats > 8) return clearInterval(beat)
        hit.response.write(': beat\n\n')
      }, 30)
    })
    const { calls, opens } = h.open({ heartbeatTimeout: 100 })
    await vi.waitFor(() => expect(opens()).toBe(2), WAIT)
    expect(calls.map((c) => c.call)).toEqual(['open', 'retry', 'event', ...Array(8).fill('comment'), 'error', 'open', 'retry', 'event'])
    expect(calls[11]).toEqual({ call: 'error', failure: expect.objectContaining({ fatal: false }) })
    expect(h.server.hits[0]?.closedAt).toBeDefined()
    expect(h.server.hits[1]?.lastEventId).toBe('7')
  })

  it('waits the server retry: delay (plus a little jitter) before reconnecting', async () => {
    h.server.respond((hit) => void (stream(hit, 'retry: 200\ndata: x\n\n'), hit.response.end()))
    const { opens } = h.open()
    await vi.waitFor(() => expect(opens()).toBe(2), WAIT)
    const [first, second] = h.server.hits
    const waited = (second?.at ?? 0) - (first?.closedAt ?? Infinity)
    expect(waited).toBeGreaterThanOrEqual(195)
    expect(waited).toBeLessThan(200 * 1.2 + 100)
  })

  it('an event past maxBufferSize: a size error, the request aborted, earlier events delivered', async () => {
    h.server.respond((hit) => stream(hit, `data: ok\n\ndata: ${'x'.repeat(5000)}`))
    const { events, errors } = h.open({ maxBufferSize: 1000 })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, kind: 'size', message: expect.stringContaining('maxBufferSize') })
    expect(events()).toEqual([message('ok')])
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('does nothing at import or creation; looks up globalThis.fetch when a connection opens', async () => {
    const early = vi.fn<typeof fetch>(() => new Promise(() => {}))
    vi.stubGlobal('fetch', early)
    vi.resetModules()
    const { fetchTransport: fresh } = await import('../../src/fetch/index')
    const transport = fresh({ headers: { A: 'b' } })
    expect(early).not.toHaveBeenCalled()
    const late = vi.fn<typeof fetch>(() => new Promise(() => {}))
    vi.stubGlobal('fetch', late)
    const connection = transport.open(
      { url: 'http://127.0.0.1:1/x', lastEventId: '', withCredentials: false, types: [] },
      recordingSink().sink,
    )
    await vi.waitFor(() => expect(late).toHaveBeenCalledTimes(1), WAIT)
    expect(early).not.toHaveBeenCalled()
    connection.close()
  })
})
