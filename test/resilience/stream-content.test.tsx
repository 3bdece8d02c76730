// @vitest-environment jsdom
import { render } from '@testing-library/react'
import { EventSource } from 'eventsource'
import { describe, expect, it, vi } from 'vitest'
import { SSEProvider, useSSEEvent, type SSEError, type SSEOptions } from '../../src/index'
import { largeSingleLine, manyLines, TRICKLE_BODY, TRICKLE_DATA } from '../fixtures/fault-server'
import { fast, text, setupHarness, WAIT } from './harness'

const h = setupHarness()

describe('scenario 6: data trickled one byte at a time', () => {
  it('a CRLF and a 4-byte emoji split across chunks still make exactly one correct event', async () => {
    const url = `${h.server.url}/trickle`
    const raw: string[] = []
    const decoded: unknown[] = []
    h.track(h.client.subscribe(url, 'message', (data: string) => raw.push(data), { ...fast, parse: text }))
    h.track(h.client.subscribe(url, 'message', (data) => decoded.push(data), fast))

    await vi.waitFor(() => expect(h.server.requestsTo('/trickle')[0]?.writes).toBe(Buffer.byteLength(TRICKLE_BODY)), WAIT)
    await vi.waitFor(() => expect(raw).toHaveLength(1), WAIT)

    expect(raw).toEqual([TRICKLE_DATA])
    expect(decoded).toEqual([{ text: 'héllo 👋 wörld' }])
    expect(h.server.requestsTo('/trickle')).toHaveLength(1)
  })
})

describe('scenario 7: only comment lines for a while', () => {
  it('delivers no events and never reconnects', async () => {
    const url = `${h.server.url}/heartbeat?count=40&interval=10`
    const events: unknown[] = []
    const states = h.recordStates(url, fast)
    h.track(h.client.subscribe(url, 'message', (data) => events.push(data), fast))

    // The only event comes after the 40 comments (about 400 ms of heartbeats).
    await vi.waitFor(() => expect(events).toEqual(['done']), WAIT)

    expect(h.server.requestsTo('/heartbeat')).toHaveLength(1)
    expect(states.map((state) => state.status)).toEqual(['connecting', 'open'])
    expect(h.client.getSnapshot(url, fast)).toMatchObject({ status: 'open', error: null })
  })
})

describe('scenario 8: very large events', () => {
  it('a 5 MB single-line event arrives intact', async () => {
    const url = `${h.server.url}/large?kind=single`
    const received: string[] = []
    h.track(h.client.subscribe(url, 'message', (data: string) => received.push(data), { ...fast, parse: text }))
    await vi.waitFor(() => expect(received).toHaveLength(1), { ...WAIT, timeout: 20_000 })
    const expected = largeSingleLine()
    expect(received[0]?.length).toBe(expected.length)
    expect(received[0] === expected).toBe(true) // not toEqual: a 5 MB diff is no help
  })

  it('a 10,000-line data block arrives as one event, lines joined by LF', async () => {
    const url = `${h.server.url}/large?kind=lines`
    const received: string[] = []
    h.track(h.client.subscribe(url, 'message', (data: string) => received.push(data), { ...fast, parse: text }))
    await vi.waitFor(() => expect(received).toHaveLength(1), { ...WAIT, timeout: 20_000 })
    const expected = manyLines()
    expect(received[0]?.split('\n')).toHaveLength(10_000)
    expect(received[0] === expected).toBe(true)
  })

  it('maxMessageBytes rejects an oversize event with a size error; the stream goes on', async () => {
    const options = { ...fast, maxMessageBytes: 1024 * 1024 } satisfies SSEOptions
    const url = `${h.server.url}/large?kind=single`
    const received: string[] = []
    const errors: SSEError[] = []
    const after: string[] = []
    h.track(
      h.client.subscribe(url, 'message', (data: string) => received.push(data), {
        ...options,
        parse: text,
        onError: (error) => errors.push(error),
      }),
    )
    h.track(h.client.subscribe(url, 'after', (data: string) => after.push(data), { ...options, parse: text }))

    await vi.waitFor(() => expect(after).toEqual(['ok']), { ...WAIT, timeout: 20_000 })
    expect(received).toEqual([])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ kind: 'size', eventType: 'message' })
    expect(h.client.getSnapshot(url, options).status).toBe('open')
  })

  it('maxMessageBytes counts UTF-8 bytes, and the hook shows the size error (through the hooks)', async () => {
    const url = `${h.server.url}/hold`
    const seen: string[] = []
    function Latest() {
      const { data, error } = useSSEEvent<string>('message', { parse: text })
      const line = `${data?.length ?? '-'}/${error?.kind ?? '-'}`
      if (seen.at(-1) !== line) seen.push(line)
      return <p>{line}</p>
    }
    const view = render(
      <SSEProvider url={url} client={h.client} {...fast} maxMessageBytes={1000}>
        <Latest />
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(h.server.requestsTo('/hold')[0]?.status).toBe(200), WAIT)
    const [request] = h.server.requestsTo('/hold')
    if (!request) throw new Error('no request')

    h.server.send(request, `data: ${'€'.repeat(333)}\n\n`) // 999 bytes
    await vi.waitFor(() => expect(view.getByText('333/-')).toBeTruthy(), WAIT)
    h.server.send(request, `data: ${'€'.repeat(334)}\n\n`) // 334 characters, 1002 bytes
    await vi.waitFor(() => expect(view.getByText('333/size')).toBeTruthy(), WAIT)
    expect(seen).toEqual(['-/-', '333/-', '333/size'])
    view.unmount()
  })
})

describe('scenario 10: the last subscriber leaves inside its own listener', () => {
  it('while 3 events arrive in one chunk: nothing further is delivered', async () => {
    // Records what the EventSource itself dispatched, to know events 2 and 3 did arrive.
    const dispatched: string[] = []
    class RecordingEventSource extends EventSource {
      override dispatchEvent(event: Event): boolean {
        if (event instanceof MessageEvent) dispatched.push(String(event.data))
        return super.dispatchEvent(event)
      }
    }
    const options = { ...fast, EventSource: RecordingEventSource } satisfies SSEOptions
    const url = `${h.server.url}/burst`
    const delivered: string[] = []
    const unsubscribe = h.track(
      h.client.subscribe(
        url,
        'message',
        (data: string) => {
          delivered.push(data)
          unsubscribe()
        },
        { ...options, parse: text },
      ),
    )

    await vi.waitFor(() => expect(dispatched).toEqual(['1', '2', '3']), WAIT)
    expect(delivered).toEqual(['1'])
    // The stream closes: the connection is disposed and the server sees the request end.
    await vi.waitFor(() => expect(h.client.getStats()).toEqual({ connections: 0, subscribers: 0 }), WAIT)
    await vi.waitFor(() => expect(h.server.requestsTo('/burst')[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('a listener that unsubscribes another subscriber: that one gets nothing more, not even this event', async () => {
    const url = `${h.server.url}/burst`
    const first: string[] = []
    const second: string[] = []
    const unsubscribeSecond: { current: () => void } = { current: () => {} }
    h.track(
      h.client.subscribe(
        url,
        'message',
        (data: string) => {
          first.push(data)
          unsubscribeSecond.current()
        },
        { ...fast, parse: text },
      ),
    )
    unsubscribeSecond.current = h.track(h.client.subscribe(url, 'message', (data: string) => second.push(data), { ...fast, parse: text }))

    await vi.waitFor(() => expect(first).toEqual(['1', '2', '3']), WAIT)
    expect(second).toEqual([])
  })
})
