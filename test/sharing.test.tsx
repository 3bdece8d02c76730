import { act, render } from '@testing-library/react'
import { StrictMode, useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SSEProvider, useEventSource, useSSEEvent } from '../src/index'
import { createMockEventSource } from '../src/testing/index'
import { setup } from './helpers'

afterEach(() => {
  vi.useRealTimers()
})

function Listener({ type }: { type: string }) {
  const { data } = useSSEEvent<{ n: number }>(type)
  return <span data-testid={type}>{data?.n ?? '-'}</span>
}

function Status() {
  const { status } = useEventSource()
  return <span>{status}</span>
}

describe('one EventSource per stream', () => {
  it('shares one EventSource and one native listener per type among 50 components, and closes once after the grace period', () => {
    vi.useFakeTimers()
    const { mock, render } = setup({ closeDelay: 500 })
    const types = ['ping', 'chat', 'presence', 'message']
    const view = render(
      <>
        {Array.from({ length: 50 }, (_, i) =>
          i % 10 === 0 ? <Status key={i} /> : <Listener key={i} type={types[i % types.length] ?? 'ping'} />,
        )}
      </>,
    )
    expect(mock.instances).toHaveLength(1)
    const source = mock.latest()
    for (const type of types) expect(source.listenerCount(type)).toBe(1)

    act(() => source.emit('chat', { n: 7 }))
    expect(view.getAllByTestId('chat').every((node) => node.textContent === '7')).toBe(true)

    view.unmount()
    expect(source.closeCalls).toBe(0)
    act(() => vi.advanceTimersByTime(499))
    expect(source.closeCalls).toBe(0)
    act(() => vi.advanceTimersByTime(1))
    expect(source.closeCalls).toBe(1)
    expect(source.listenerCount()).toBe(0)
    expect(mock.instances).toHaveLength(1)
  })

  it('shares relative and absolute forms of one URL but not different withCredentials', () => {
    const mock = createMockEventSource()
    render(
      <SSEProvider EventSource={mock.EventSource}>
        <Probe url="/events" />
        <Probe url={`${location.origin}/events`} />
        <Probe url="events" />
        <Probe url="/events" withCredentials />
      </SSEProvider>,
    )
    expect(mock.instances.map((source) => [source.url, source.withCredentials])).toEqual([
      [`${location.origin}/events`, false],
      [`${location.origin}/events`, true],
    ])
  })

  it('never reconnects when a component passes a new inline options object each render', () => {
    const { mock, render } = setup()
    function Inline({ tick }: { tick: number }) {
      const { data } = useSSEEvent<number>('tick', { reconnect: { maxRetries: 3 }, closeDelay: 100 })
      useEventSource(undefined, { reconnect: { maxRetries: 3 }, closeDelay: 100 })
      return <span>{`${tick}:${data ?? '-'}`}</span>
    }
    const view = render(<Inline tick={0} />)
    for (let tick = 1; tick <= 20; tick++) view.rerender(<Inline tick={tick} />)
    act(() => mock.latest().emit('tick', 5))
    expect(view.container.textContent).toBe('20:5')
    expect(mock.instances).toHaveLength(1)
    expect(mock.latest().closeCalls).toBe(0)
  })

  it('constructs one EventSource under StrictMode and keeps it open', () => {
    vi.useFakeTimers()
    const mock = createMockEventSource()
    const view = render(
      <StrictMode>
        <SSEProvider url="/events" EventSource={mock.EventSource}>
          <Listener type="ping" />
          <Status />
        </SSEProvider>
      </StrictMode>,
    )
    act(() => vi.advanceTimersByTime(10_000))
    expect(mock.instances).toHaveLength(1)
    expect(mock.latest().closeCalls).toBe(0)
    expect(mock.latest().listenerCount('ping')).toBe(1)
    act(() => mock.latest().emit('ping', { n: 1 }))
    expect(view.getByTestId('ping').textContent).toBe('1')
  })

  it('switches streams when the URL changes and delivers nothing from the old one afterwards', () => {
    vi.useFakeTimers()
    const { mock, render } = setup()
    const seen: number[] = []
    function Switcher({ url }: { url: string }) {
      const { data } = useSSEEvent<number>('n', { url })
      useSSEEvent<number>('n', (n) => seen.push(n), { url })
      return <span>{data ?? '-'}</span>
    }
    const view = render(<Switcher url="/a" />)
    const a = mock.latest()
    act(() => a.emit('n', 1))
    view.rerender(<Switcher url="/b" />)
    const b = mock.latest()
    expect(b).not.toBe(a)
    expect(b.url).toMatch(/\/b$/)
    expect(view.container.textContent).toBe('-')

    act(() => a.emit('n', 2))
    expect(seen).toEqual([1])
    expect(view.container.textContent).toBe('-')
    act(() => b.emit('n', 3))
    expect(seen).toEqual([1, 3])
    expect(view.container.textContent).toBe('3')

    act(() => vi.runOnlyPendingTimers())
    expect(a.closeCalls).toBe(1)
    expect(a.listenerCount()).toBe(0)
    expect(b.closeCalls).toBe(0)
  })

  it('leaves no connection, native listener or timer after 1,000 mount/unmount cycles', () => {
    vi.useFakeTimers()
    const { mock, client, render } = setup()
    function Both() {
      useSSEEvent('ping')
      useSSEEvent('ping', () => {})
      useEventSource()
      return null
    }
    function Toggle() {
      const [shown, setShown] = useState(true)
      return (
        <>
          {shown && <Both />}
          <button onClick={() => setShown((value) => !value)}>toggle</button>
        </>
      )
    }
    const view = render(<Toggle />)
    const button = view.getByRole('button')
    for (let cycle = 0; cycle < 1000; cycle++) {
      act(() => button.click())
      act(() => vi.advanceTimersByTime(cycle % 2 === 0 ? 150 : 10))
      act(() => button.click())
    }
    view.unmount()
    act(() => vi.advanceTimersByTime(1000))
    expect(client.getStats()).toEqual({ connections: 0, subscribers: 0 })
    expect(mock.open()).toHaveLength(0)
    expect(mock.instances.reduce((sum, source) => sum + source.listenerCount(), 0)).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})

function Probe({ url, withCredentials }: { url: string; withCredentials?: boolean }) {
  useSSEEvent('ping', { url, withCredentials })
  return null
}
