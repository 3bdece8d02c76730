import { describe, expect, it, vi } from 'vitest'
import { SSEClient } from '../src/index'
import { createMockEventSource, createMockTransport } from '../src/testing/index'

describe('createMockEventSource', () => {
  it('can be installed as the global EventSource and restored', () => {
    const original = globalThis.EventSource
    const mock = createMockEventSource()
    const restore = mock.install()
    const client = new SSEClient()
    const seen: unknown[] = []
    const unsubscribe = client.subscribe('http://127.0.0.1:1/s', 'ping', (data) => seen.push(data))
    mock.latest().emit('ping', { ok: true }, { id: '1' })
    expect(seen).toEqual([{ ok: true }])
    expect(mock.latest().readyState).toBe(1)
    unsubscribe()
    restore()
    expect(globalThis.EventSource).toBe(original)
  })

  it('keeps the last event id across id-less events, like the browser', () => {
    const mock = createMockEventSource()
    const source = new mock.EventSource('http://127.0.0.1:1/s')
    const ids: string[] = []
    source.addEventListener('x', (event) => ids.push((event as MessageEvent).lastEventId))
    source.emit('x', 1, { id: '5' })
    source.emit('x', 2)
    source.emit('x', 3, { id: '' })
    expect(ids).toEqual(['5', '5', ''])
  })

  it('dispatches nothing after close, and counts listeners and close calls', () => {
    const mock = createMockEventSource()
    const source = new mock.EventSource('http://127.0.0.1:1/s')
    let calls = 0
    const listener = () => calls++
    source.addEventListener('x', listener)
    source.addEventListener('x', listener)
    expect(source.listenerCount('x')).toBe(1)
    source.close()
    expect(source.emit('x', 1)).toBe(false)
    expect(calls).toBe(0)
    expect(source.closeCalls).toBe(1)
    expect(mock.open()).toEqual([])
  })

  it('tells transient from fatal errors and exposes a status code', () => {
    const mock = createMockEventSource()
    const source = new mock.EventSource('http://127.0.0.1:1/s')
    const codes: unknown[] = []
    source.onerror = (event) => codes.push((event as Event & { code?: number }).code)
    source.error()
    expect(source.readyState).toBe(0)
    source.error({ fatal: true, status: 503 })
    expect(source.readyState).toBe(2)
    expect(codes).toEqual([undefined, 503])
  })
})

describe('createMockTransport', () => {
  it('records why the stream closed each connection', () => {
    vi.useFakeTimers()
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, closeDelay: 10 })
    const stop = client.subscribeState('http://127.0.0.1:1/s', () => {})
    mock.latest().fail({ fatal: true, status: 503 })
    expect(mock.connections[0]?.closedWith).toMatchObject({ reason: 'retry', snapshot: { status: 'reconnecting' } })
    vi.runOnlyPendingTimers()
    stop()
    vi.advanceTimersByTime(10)
    expect(mock.connections[1]?.closedWith?.reason).toBe('leave')
    vi.useRealTimers()
  })
})
