import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEventStore, SSEClient, type SSEInspectRecord } from '../../src/index'
import { createFakePage, createMockTransport } from '../../src/testing/index'

const url = 'http://127.0.0.1:1/events'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** One line per record: a stream record as `input → phase`, an event as `event type #id`. */
const line = (record: SSEInspectRecord): string => {
  if (record.kind === 'event') return `event ${record.message.type} #${record.message.lastEventId}`
  if (record.kind !== 'stream') return record.kind
  const holders = record.subscribers.map((s) => s.type ?? 'state').join('+')
  return record.input ? `${record.input.type} → ${record.state.phase}` : `subscribers [${holders}]`
}

function inspected() {
  const page = createFakePage()
  const mock = createMockTransport()
  const client = new SSEClient({ transport: mock.transport, page, closeDelay: 100 })
  const records: SSEInspectRecord[] = []
  const stop = client.inspect((record) => records.push(record))
  return { page, mock, client, records, stop }
}

describe('client.inspect', () => {
  it('reports a stream from its first subscriber to its removal, in order, with the failure, the deadline and the resume point', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { page, mock, client, records } = inspected()
    const unsubscribe = client.subscribe(url, 'ping', () => {})
    mock.latest().open()
    mock.latest().emit('ping', { n: 1 }, { id: '1' })
    mock.latest().emit('ping', { n: 2 }, { id: '2' })
    const failedAt = Date.now()
    mock.latest().fail({ fatal: true, status: 503, retryAfter: 2000 })
    vi.advanceTimersByTime(2000)
    mock.latest().open()
    page.setOnline(false)
    page.setOnline(true)
    mock.latest().open()
    client.close(url)
    unsubscribe()
    vi.advanceTimersByTime(100)

    expect(records.map(line)).toEqual([
      'subscribers [ping]',
      'wanted → connecting',
      'opened → open',
      'event ping #1',
      'delivered → open',
      'event ping #2',
      'failed → backoff',
      'timer → connecting',
      'opened → open',
      'offline → offline',
      'online → connecting',
      'opened → open',
      'close → closed',
      'subscribers []',
      'unwanted → closed',
      'release → idle',
    ])
    const streams = records.filter((r) => r.kind === 'stream')
    expect(new Set(records.map((r) => r.key))).toEqual(new Set([client.keyFor(url)]))
    expect(streams.every((r) => r.url === url)).toBe(true)
    // The 503: its status and Retry-After, the error, and the deadline they set.
    const backoff = streams.find((r) => r.state.phase === 'backoff')
    expect(backoff?.input).toMatchObject({ type: 'failed', failure: { status: 503, retryAfter: 2000 } })
    expect(backoff?.state.error?.status).toBe(503)
    expect(backoff?.state.until).toBe(failedAt + 2000)
    expect(backoff?.state.notBefore).toBe(failedAt + 2000)
    // The reconnection resumed from the last event id, and the record says so.
    const reopened = streams.find((r) => r.input?.type === 'timer')
    expect(reopened?.lastEventId).toBe('2')
    expect(mock.connections[1]?.request.lastEventId).toBe('2')
    expect(records.find((r) => r.kind === 'event')).toMatchObject({ message: { data: '{"n":1}' } })
    // Timestamps never go back.
    const times = records.map((r) => r.at)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('tells an inspector that attaches late what each live stream is, with its subscribers by type and form', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    client.subscribe(url, 'ping', () => {})
    createEventStore(client.stream(url), 'ping', {}).subscribe(() => {}) // the state form, as useSSEEvent('ping')
    client.subscribeState(url, () => {})
    mock.latest().open()
    mock.latest().emit('ping', 1, { id: '7' })
    const records: SSEInspectRecord[] = []
    client.inspect((record) => records.push(record))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      kind: 'stream',
      key: client.keyFor(url),
      url,
      input: undefined,
      state: { phase: 'open' },
      lastEventId: '7',
      subscribers: [{ type: 'ping', state: undefined }, { type: 'ping', state: true }, {}],
    })
  })

  it('stops reporting when detached, and a throwing inspector neither stops delivery nor the other inspectors', () => {
    const { mock, client, records, stop } = inspected()
    const received: unknown[] = []
    const heard: string[] = []
    client.inspect(() => {
      throw new Error('inspector bug')
    })
    client.inspect((record) => heard.push(record.kind))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    client.subscribe(url, 'ping', (ping) => received.push(ping))
    mock.latest().emit('ping', 1)
    stop()
    const before = records.length
    mock.latest().emit('ping', 2)
    expect(received).toEqual([1, 2])
    expect(records).toHaveLength(before)
    expect(heard.filter((kind) => kind === 'event')).toHaveLength(2)
  })

  it('builds no record for 10,000 events while no inspector is attached', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    const stop = client.inspect(() => {})
    stop()
    let received = 0
    client.subscribe(url, 'tick', () => received++)
    mock.latest().open()
    // Every record is stamped with Date.now(): counting the calls counts the records built.
    const now = vi.spyOn(Date, 'now')
    for (let i = 0; i < 10_000; i++) mock.latest().emit('tick', i)
    const withoutInspector = now.mock.calls.length
    const records: SSEInspectRecord[] = []
    client.inspect((record) => records.push(record))
    now.mockClear()
    for (let i = 0; i < 10_000; i++) mock.latest().emit('tick', i)
    expect(received).toBe(20_000)
    // The first event of a connection moves the state once; nothing else reads the clock.
    expect(withoutInspector).toBeLessThanOrEqual(1)
    expect(records.filter((r) => r.kind === 'event')).toHaveLength(10_000)
    expect(now.mock.calls.length).toBeGreaterThanOrEqual(10_000)
  })
})
