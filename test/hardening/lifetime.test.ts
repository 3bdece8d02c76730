import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient } from '../../src/core/client'
import { createFakePage, createMockTransport } from '../../src/testing/index'

const url = 'http://127.0.0.1:1/events'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a stream nobody wants is gone after its grace period, whatever it was doing', () => {
  it('after a 503 with Retry-After: 3600, the last subscriber leaving leaves no stream and no timer', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, page: createFakePage(), closeDelay: 100 })
    const stop = client.subscribeState(url, () => {})
    mock.latest().fail({ fatal: true, status: 503, retryAfter: 3_600_000 })
    stop()
    vi.advanceTimersByTime(100)
    expect(client.getStats()).toEqual({ connections: 0, subscribers: 0 })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a subscriber who returns during the backoff waits out the rest of it, and sees why', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, page: createFakePage(), closeDelay: 100 })
    const stop = client.subscribeState(url, () => {})
    mock.latest().fail({ fatal: true, status: 503, retryAfter: 60_000 })
    stop()
    vi.advanceTimersByTime(30_000)
    client.subscribeState(url, () => {})
    expect(client.getSnapshot(url)).toMatchObject({ status: 'reconnecting', readyState: 2 })
    expect(client.getSnapshot(url).error?.status).toBe(503)
    vi.advanceTimersByTime(29_999)
    expect(mock.connections).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(mock.connections).toHaveLength(2)
    expect(client.getSnapshot(url).status).toBe('reconnecting')
  })

  it('a subscriber who returns after the deadline connects at once', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, page: createFakePage(), closeDelay: 100 })
    const stop = client.subscribeState(url, () => {})
    mock.latest().fail({ fatal: true, status: 503, retryAfter: 1000 })
    stop()
    vi.advanceTimersByTime(5000)
    client.subscribeState(url, () => {})
    expect(mock.connections).toHaveLength(2)
  })
})

describe('close() means one thing: closed until reconnect()', () => {
  it.each([
    ['within the grace period', 50],
    ['after the grace period', 5000],
  ])('a subscriber who comes back %s finds it closed; reconnect() opens it', (_when, later) => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, page: createFakePage(), closeDelay: 100 })
    const stop = client.subscribeState(url, () => {})
    mock.latest().open()
    client.close(url)
    stop()
    vi.advanceTimersByTime(later)
    client.subscribeState(url, () => {})
    expect(client.getSnapshot(url).status).toBe('closed')
    expect(mock.connections).toHaveLength(1)
    client.reconnect(url)
    expect(mock.connections).toHaveLength(2)
    expect(client.getSnapshot(url).status).not.toBe('closed')
  })
})
