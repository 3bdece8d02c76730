import { act, cleanup, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent, type SSEReconnectInfo } from '../../src/index'
import { createFakePage, createMockEventSource } from '../../src/testing/index'

function setup() {
  const mock = createMockEventSource()
  const page = createFakePage()
  const heard: SSEReconnectInfo[] = []
  const client = new SSEClient({ EventSource: mock.EventSource, page, onReconnect: (info) => heard.push(info) })
  const stop = client.subscribe('http://127.0.0.1/events', 'tick', () => {})
  return { mock, page, heard, client, stop }
}

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('onReconnect', () => {
  it('is not called for a stream that never dropped, nor on the first open', () => {
    const { mock, heard } = setup()
    mock.latest().open()
    mock.latest().emit('tick', 1, { id: '1' })
    mock.latest().emit('tick', 2, { id: '2' })
    expect(heard).toEqual([])
  })

  it("hears the browser's own retry once, with the id it resumed from, the downtime and why it dropped", () => {
    vi.useFakeTimers({ now: 1_000 })
    const { mock, heard } = setup()
    mock.latest().open()
    mock.latest().emit('tick', 1, { id: '7' })
    mock.latest().error() // readyState CONNECTING: the browser retries by itself
    vi.advanceTimersByTime(1_500)
    mock.latest().open()
    expect(mock.instances).toHaveLength(1)
    expect(heard).toHaveLength(1)
    expect(heard[0]).toMatchObject({ url: 'http://127.0.0.1/events', lastEventId: '7', resumed: true, downtime: 1_500 })
    expect(heard[0]?.error?.message).toBe('The stream was interrupted')
  })

  it("hears a recovery after sse-hooks' own backoff, once", () => {
    vi.useFakeTimers()
    const { mock, heard } = setup()
    mock.latest().open()
    mock.latest().emit('tick', 1, { id: '3' })
    mock.latest().error({ fatal: true, status: 503 })
    expect(heard).toEqual([])
    vi.advanceTimersByTime(30_000)
    expect(mock.instances).toHaveLength(2)
    mock.latest().open()
    expect(heard).toHaveLength(1)
    expect(heard[0]).toMatchObject({ lastEventId: '3', resumed: true })
    expect(heard[0]?.error?.status).toBe(503)
    expect(mock.latest().url).toContain('lastEventId=3')
  })

  it('hears offline then online, once', () => {
    const { mock, page, heard } = setup()
    mock.latest().open()
    page.setOnline(false)
    page.setOnline(true)
    mock.latest().open()
    expect(mock.instances).toHaveLength(2)
    expect(heard).toHaveLength(1)
    expect(heard[0]).toMatchObject({ lastEventId: '', resumed: false })
    expect(heard[0]?.error?.message).toBe('The browser is offline')
  })

  it('says the resume point was not sent when lastEventIdParam is off', () => {
    vi.useFakeTimers()
    const mock = createMockEventSource()
    const heard: SSEReconnectInfo[] = []
    const client = new SSEClient({ EventSource: mock.EventSource, lastEventIdParam: '', onReconnect: (info) => heard.push(info) })
    client.subscribe('http://127.0.0.1/events', 'tick', () => {})
    mock.latest().emit('tick', 1, { id: '4' })
    mock.latest().error('fatal')
    vi.advanceTimersByTime(30_000)
    mock.latest().open()
    expect(heard[0]).toMatchObject({ lastEventId: '4', resumed: false })
  })
})

describe('onReconnect in React', () => {
  it("calls the provider's once per recovery however many hooks, and a hook's own newest callback", () => {
    const mock = createMockEventSource()
    const client = new SSEClient({ EventSource: mock.EventSource })
    const provider: string[] = []
    const own: string[] = []
    function Hooks({ version }: { version: number }) {
      useSSEEvent<number>('tick')
      useSSEEvent<number>('tock')
      useEventSource(undefined, { onReconnect: (info) => own.push(`v${version} ${info.lastEventId}`) })
      return null
    }
    const ui = (version: number): ReactNode => (
      <SSEProvider client={client} url="/events" onReconnect={(info) => provider.push(`v${version} ${info.lastEventId}`)}>
        <Hooks version={version} />
      </SSEProvider>
    )
    const view = render(ui(1))
    act(() => mock.latest().emit('tick', 1, { id: '9' }))
    view.rerender(ui(2))
    act(() => mock.latest().error())
    act(() => mock.latest().open())
    expect(provider).toEqual(['v2 9'])
    expect(own).toEqual(['v2 9'])
  })

  it('staleOnReconnect marks the data stale from a reconnect until the next event of its type', () => {
    const mock = createMockEventSource()
    const client = new SSEClient({ EventSource: mock.EventSource })
    let state: { data: number | undefined; stale?: true | undefined } | undefined
    function Count() {
      state = useSSEEvent<number>('count', { staleOnReconnect: true, batch: 'sync' })
      return null
    }
    render(
      <SSEProvider client={client} url="/events">
        <Count />
      </SSEProvider>,
    )
    act(() => mock.latest().emit('count', 5, { id: '1' }))
    expect(state?.stale).toBeUndefined()
    act(() => mock.latest().error())
    act(() => mock.latest().open())
    expect(state).toMatchObject({ data: 5, stale: true })
    act(() => mock.latest().emit('other', 0))
    expect(state?.stale).toBe(true)
    act(() => mock.latest().emit('count', 6, { id: '2' }))
    expect(state?.data).toBe(6)
    expect(state?.stale).toBeUndefined()
  })
})
