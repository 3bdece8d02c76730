// @vitest-environment jsdom
/**
 * Scenario 9, format parity: the inputs of web-platform-tests' eventsource/format-* tests,
 * replayed byte for byte by a replica of their server scripts (resources/message.py,
 * last-event-id.py, last-event-id2.py), asserting the hooks hand over exactly what a
 * conforming EventSource dispatches (type, data, lastEventId, in order, nothing more).
 * Expected values are the WPT assertions, checked against the HTML spec's
 * "interpreting an event stream" rules.
 *
 * Two comparisons per case: the hooks against what the EventSource in use actually
 * dispatched (sse-hooks adds, drops and reorders nothing), and that EventSource (the
 * `eventsource` package here; a browser's in production) against the spec.
 */
import { render } from '@testing-library/react'
import { EventSource } from 'eventsource'
import { describe, expect, it, vi } from 'vitest'
import { SSEProvider, useEventSource, useSSEEvent, type SSEMessage, type SSEOptions } from '../../src/index'
import { formatCases, message } from '../fixtures/wpt-format-cases'
import { fast, text, setupHarness, WAIT } from './harness'

const h = setupHarness()

interface Dispatched {
  type: string
  data: string
  lastEventId: string
}

const record = (event: SSEMessage): Dispatched => ({
  type: event.type,
  data: event.data,
  lastEventId: event.lastEventId,
})

/** Listens the way an app would: the listener form for every event, the state form for the latest. */
function Parity({ log }: { log: Dispatched[] }) {
  useSSEEvent('message', (_data: string, event) => log.push(record(event)), { parse: text })
  useSSEEvent('test', (_data: string, event) => log.push(record(event)), { parse: text })
  const latest = useSSEEvent<string>('message', { parse: text })
  const { status } = useEventSource()
  return (
    <>
      <p data-testid="latest">{JSON.stringify([latest.data, latest.lastEventId])}</p>
      <p data-testid="status">{status}</p>
    </>
  )
}

function renderParity(path: string, extra: SSEOptions = {}) {
  // Records what the EventSource itself dispatched, before sse-hooks sees it.
  const dispatched: Dispatched[] = []
  class RecordingEventSource extends EventSource {
    override dispatchEvent(event: Event): boolean {
      if (event instanceof MessageEvent) dispatched.push(record(event))
      return super.dispatchEvent(event)
    }
  }
  const options = { ...fast, EventSource: RecordingEventSource, ...extra }
  const url = `${h.server.url}${path}`
  const log: Dispatched[] = []
  const states = h.recordStates(url, options)
  const view = render(
    <SSEProvider url={url} client={h.client} {...options}>
      <Parity log={log} />
    </SSEProvider>,
  )
  return { url, options, log, dispatched, states, view }
}

describe('scenario 9: format parity with web-platform-tests eventsource/format-*', () => {
  it.each(formatCases)('$file', async ({ path, connections = 1, expected, eventsourcePackage }) => {
    // After the last connection the server answers 204, so nothing replays while we look.
    const separator = path.includes('?') ? '&' : '?'
    const { log, dispatched, states, view } = renderParity(`${path}${separator}limit=${connections}`)

    // Each connection's body is fully dispatched once the client reports its end.
    await vi.waitFor(() => {
      const opens = states.filter((state, i) => state.status === 'open' && states[i - 1]?.status !== 'open')
      expect(opens).toHaveLength(connections)
      expect(states.at(-1)?.status).not.toBe('open')
    }, WAIT)

    expect(log).toEqual(dispatched)
    expect(dispatched).toEqual(eventsourcePackage ?? expected)
    const lastMessage = dispatched.filter((event) => event.type === 'message').at(-1)
    expect(JSON.parse(view.getByTestId('latest').textContent ?? '')).toEqual([lastMessage?.data, lastMessage?.lastEventId])
  })

  it.each([
    ['format-mime-valid-bogus.htm', 'text/x-bogus'],
    ['format-mime-bogus.htm', 'x/x'],
  ])('%s: a wrong Content-Type fails the connection, nothing is dispatched', async (_file, mime) => {
    const { url, options, log, view } = renderParity(`/wpt/message?mime=${mime}`, { reconnect: false })
    await vi.waitFor(() => expect(view.getByTestId('status').textContent).toBe('closed'), WAIT)
    expect(log).toEqual([])
    expect(h.client.getSnapshot(url, options)).toMatchObject({ readyState: 2, error: { kind: 'connection' } })
  })

  // format-field-retry*.htm measure the reconnection delay (2 s there); scaled down, as a lower bound.
  it.each([
    ['retry:0300 is 300 ms in decimal, not octal', 'retry%3A0300%0Adata%3Ax'],
    ['a bogus retry after a valid one is ignored', 'retry%3A300%0Aretry%3A30x%0Adata%3Ax'],
  ])('%s (the browser waits that long before reconnecting)', async (_name, body) => {
    const { log } = renderParity(`/wpt/message?message=${body}&limit=2`)
    await vi.waitFor(() => expect(log).toEqual([message('x'), message('x')]), WAIT)
    const [first, second] = h.server.requestsTo('/wpt/message')
    expect(first?.closedAt).toBeDefined()
    expect((second?.at ?? 0) - (first?.closedAt ?? Infinity)).toBeGreaterThanOrEqual(295)
  })
})
