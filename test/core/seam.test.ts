import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient } from '../../src/core/client'
import { createEventStore } from '../../src/core/event-store'
import { SSEError } from '../../src/core/errors'
import type { StreamSnapshot, Transport, TransportClose, TransportRequest, TransportSink } from '../../src/core/index'
import { createFakePage } from '../../src/testing/fake-page'

const url = 'http://127.0.0.1:1/events'

/** A transport that records what the stream tells it, and hands the test each connection's sink. */
function recordingTransport() {
  const opened: { request: TransportRequest; sink: TransportSink; closes: (TransportClose | undefined)[]; states: StreamSnapshot[] }[] = []
  const transport: Transport = {
    key: 'recording',
    open(request, sink) {
      const record = { request, sink, closes: [] as (TransportClose | undefined)[], states: [] as StreamSnapshot[] }
      opened.push(record)
      return { close: (next) => void record.closes.push(next), state: (snapshot) => void record.states.push(snapshot) }
    },
  }
  const latest = () => {
    const record = opened.at(-1)
    if (!record) throw new Error('no connection')
    return record
  }
  return { transport, opened, latest }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the transport seam', () => {
  it('hands the stream options to the transport, and tells it each change of state while it is the connection', () => {
    const { transport, latest } = recordingTransport()
    const client = new SSEClient({ transport, lastEventIdParam: 'from', page: createFakePage() })
    client.subscribeState(url, () => {})
    expect(latest().request.options).toMatchObject({ lastEventIdParam: 'from', transport })
    latest().sink.open()
    latest().sink.error({ fatal: false, status: 502 })
    expect(latest().states.map((s) => s.status)).toEqual(['open', 'reconnecting'])
    expect(latest().states[1]?.error?.status).toBe(502)
  })

  it('says why it closes a connection: a retry (with when), a stop, or leaving', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const { transport, opened, latest } = recordingTransport()
    const client = new SSEClient({ transport, page: createFakePage(), closeDelay: 10 })
    const stop = client.subscribeState(url, () => {})
    latest().sink.open()
    latest().sink.error({ fatal: true, status: 503, retryAfter: 2000 })
    expect(opened[0]?.closes[0]).toMatchObject({
      reason: 'retry',
      retryAt: Date.now() + 2000,
      snapshot: { status: 'reconnecting', readyState: 2 },
    })
    vi.advanceTimersByTime(2000)
    client.reconnect(url)
    expect(opened[1]?.closes[0]).toMatchObject({ reason: 'retry', retryAt: Date.now() })
    latest().sink.error({ fatal: true, status: 204 })
    expect(opened[2]?.closes[0]).toMatchObject({ reason: 'stop', snapshot: { status: 'closed' } })
    expect(opened[2]?.closes[0]?.snapshot.error?.status).toBe(204)
    client.reconnect(url)
    client.close(url)
    expect(opened[3]?.closes[0]?.reason).toBe('leave')
    client.reconnect(url)
    stop()
    vi.advanceTimersByTime(10)
    expect(opened[4]?.closes[0]?.reason).toBe('leave')
  })

  it('a relayed stream shows the state it is given, and retries nothing by itself', () => {
    const { transport, opened, latest } = recordingTransport()
    const client = new SSEClient({ transport, page: createFakePage() })
    client.subscribeState(url, () => {})
    const error = new SSEError('connection', 'HTTP 503', { status: 503 })
    latest().sink.follow({ status: 'reconnecting', readyState: 2, error })
    expect(client.getSnapshot(url)).toMatchObject({ status: 'reconnecting', readyState: 2, error })
    latest().sink.follow({ status: 'open', readyState: 1, error: null })
    vi.advanceTimersByTime(60_000)
    expect(opened).toHaveLength(1)
    expect(client.getSnapshot(url)).toMatchObject({ status: 'open', readyState: 1, error: null })
  })

  it('a latest event known from elsewhere becomes the current value of state subscribers; listeners never hear it', () => {
    const { transport, latest } = recordingTransport()
    const client = new SSEClient({ transport, page: createFakePage() })
    const heard: unknown[] = []
    client.subscribe(url, 'price', (price) => heard.push(price))
    const store = createEventStore(client.stream(url), 'price', {})
    store.subscribe(() => {})
    latest().sink.latest({ type: 'price', data: '{"usd":10}', lastEventId: '7' })
    expect(store.getSnapshot()).toMatchObject({ data: { usd: 10 }, lastEventId: '7' })
    expect(heard).toEqual([])
    // A component mounted after it starts from it too.
    expect(createEventStore(client.stream(url), 'price', {}).getSnapshot().data).toEqual({ usd: 10 })
    latest().sink.event({ type: 'price', data: '{"usd":11}', lastEventId: '8' })
    expect(heard).toEqual([{ usd: 11 }])
  })
})
