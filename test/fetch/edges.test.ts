// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { retryAfterMs } from '../../src/fetch/response'
import { setupFetchHarness } from './harness'
import { stream } from './server'
import { message, WAIT } from './sink'

const h = setupFetchHarness()

describe('fetch transport edges', () => {
  it('an oversized event on a POST stream stops it (final): the POST is not sent again', async () => {
    h.server.respond((hit) => stream(hit, `data: 1\n\ndata: ${'x'.repeat(3000)}`))
    const { errors } = h.open({ body: { order: 'buy 1' }, maxBufferSize: 1000 })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ kind: 'size', final: true })
  })

  it('an oversized event that arrives whole, in one write, is still a size error', async () => {
    h.server.respond((hit) => stream(hit, `data: ok\n\ndata: ${'x'.repeat(5000)}\n\n`))
    const { events, errors } = h.open({ maxBufferSize: 1000 })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, kind: 'size' })
    expect(events()).toEqual([message('ok')])
  })

  it('heartbeatTimeout also covers a server that accepts and never answers', async () => {
    h.server.respond(() => {}) // no headers, ever
    const { errors, opens } = h.open({ heartbeatTimeout: 100 })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true })
    expect(opens()).toBe(0)
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('a header value that is not allowed fails without quoting it', async () => {
    const { errors } = h.open({ headers: { Authorization: 'Bearer sekret\nTOKEN' } })
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    const text = JSON.stringify(errors()[0], (_key, value: unknown) =>
      value instanceof Error ? `${value.message} ${String(value.cause)}` : value,
    )
    expect(text).not.toContain('sekret')
    expect(h.server.hits).toHaveLength(0)
  })
})

describe('Retry-After', () => {
  it('reads delay-seconds as digits only and HTTP dates, and never more than a timer can hold', () => {
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs(' 120 ')).toBe(120_000)
    for (const garbage of ['0x10', '-5', 'Infinity', '1e3', ' ', '', null, 'soon']) expect(retryAfterMs(garbage)).toBeUndefined()
    expect(retryAfterMs('3000000')).toBe(2 ** 31 - 1)
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString()
    expect(retryAfterMs(inTenSeconds)).toBeGreaterThan(8000)
    expect(retryAfterMs(new Date(Date.now() - 10_000).toUTCString())).toBeUndefined()
  })
})
