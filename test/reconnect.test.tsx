import { act } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay, SSEClient, useEventSource, useSSEEvent, type UseEventSourceResult } from '../src/index'
import { createMockEventSource } from '../src/testing/index'
import { setup } from './helpers'

const url = 'http://127.0.0.1:1/events'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function connect(options: ConstructorParameters<typeof SSEClient>[0] = {}) {
  const mock = createMockEventSource()
  const client = new SSEClient({ EventSource: mock.EventSource, ...options })
  const received: unknown[] = []
  const unsubscribe = client.subscribe(url, 'n', (n) => received.push(n))
  return { mock, client, received, unsubscribe, status: () => client.getSnapshot(url).status }
}

describe('backoffDelay', () => {
  const policy = { initialDelay: 1000, maxDelay: 30_000, factor: 2, maxRetries: 10 }
  it('grows exponentially up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, policy, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 29_999])
    expect(backoffDelay(5, policy, () => 0)).toBe(0)
    expect(backoffDelay(2, policy, () => 0.5)).toBe(2000)
  })
})

describe('reconnection', () => {
  it('keeps the browser retry on a transient error: same instance, status reconnecting, no timer of ours', () => {
    const { mock, status } = connect()
    const source = mock.latest()
    source.open()
    source.emit('n', 1, { id: '1' })
    expect(status()).toBe('open')
    source.error('transient')
    expect(status()).toBe('reconnecting')
    expect(vi.getTimerCount()).toBe(0)
    expect(source.closeCalls).toBe(0)
    source.open()
    expect(status()).toBe('open')
    expect(mock.instances).toHaveLength(1)
  })

  it('takes over on a fatal error with exponential backoff and resumes from the last event id', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const { mock, client, received, status } = connect()
    mock.latest().emit('n', 1, { id: 'a1' })
    mock.latest().emit('n', 2)
    mock.latest().error('fatal')
    expect(status()).toBe('reconnecting')
    expect(client.getSnapshot(url).error).toMatchObject({ kind: 'connection' })
    expect(vi.getTimerCount()).toBe(1)

    const delays: number[] = []
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = mock.instances.length
      let waited = 0
      while (mock.instances.length === before) {
        vi.advanceTimersByTime(1)
        waited++
      }
      delays.push(waited)
      expect(mock.latest().url).toBe(`${url}?lastEventId=a1`)
      if (attempt < 2) mock.latest().error('fatal')
    }
    expect(delays).toEqual([500, 1000, 2000])
    expect(random).toHaveBeenCalled()

    mock.latest().emit('n', 3, { id: 'a3' })
    expect(received).toEqual([1, 2, 3])
    expect(status()).toBe('open')
  })

  it('caps the delay and gives up after maxRetries; a healthy open resets the budget', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { mock, client, status } = connect({ reconnect: { initialDelay: 100, maxDelay: 400, maxRetries: 3 } })
    mock.latest().error('fatal')
    vi.advanceTimersByTime(99)
    mock.latest().error('fatal')
    vi.advanceTimersByTime(199)
    mock.latest().open() // healthy: budget resets
    mock.latest().error('fatal')
    vi.advanceTimersByTime(99)
    expect(mock.instances).toHaveLength(4)
    mock.latest().error('fatal')
    vi.advanceTimersByTime(199)
    mock.latest().error('fatal')
    vi.advanceTimersByTime(398)
    expect(mock.instances).toHaveLength(5) // capped at maxDelay 400
    vi.advanceTimersByTime(1)
    mock.latest().error('fatal')
    expect(mock.instances).toHaveLength(6)
    expect(status()).toBe('closed')
    expect(client.getSnapshot(url).error?.kind).toBe('connection')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does not retry a 204 No Content', () => {
    const { mock, status } = connect()
    mock.latest().error({ fatal: true, status: 204 })
    expect(status()).toBe('closed')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('backs off from a server that answers and hangs up at once, forever', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { mock, status } = connect({ reconnect: { initialDelay: 100, maxRetries: 100 } })
    const opens: number[] = []
    for (let round = 0; round < 8; round++) {
      const source = mock.latest()
      // the browser reconnects by itself on the same instance until we take over
      while (mock.latest() === source && source.readyState !== 2) {
        source.open()
        opens.push(Date.now())
        source.error('transient')
      }
      vi.advanceTimersByTime(60_000)
    }
    expect(status()).toBe('reconnecting')
    const gaps = opens.slice(1).map((time, i) => time - (opens[i] ?? 0))
    const ours = gaps.filter((gap) => gap > 0)
    expect(ours.length).toBeGreaterThan(3)
    expect(ours).toEqual([...ours].sort((a, b) => a - b))
  })

  it('cancels a pending retry on unsubscribe and on close()', () => {
    const first = connect()
    first.mock.latest().error('fatal')
    expect(vi.getTimerCount()).toBe(1)
    first.unsubscribe()
    vi.advanceTimersByTime(60_000)
    expect(first.mock.instances).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)

    const second = connect()
    second.mock.latest().error('fatal')
    second.client.close(url)
    expect(second.status()).toBe('closed')
    vi.advanceTimersByTime(60_000)
    expect(second.mock.instances).toHaveLength(1)
    second.unsubscribe()
  })

  it('reconnects on demand after close(), from the last event id', () => {
    const { mock, client, received, status } = connect()
    mock.latest().emit('n', 1, { id: '41' })
    client.close(url)
    expect(mock.latest().closeCalls).toBe(1)
    expect(mock.latest().emit('n', 2)).toBe(false)
    client.reconnect(url)
    expect(mock.instances).toHaveLength(2)
    expect(mock.latest().url).toBe(`${url}?lastEventId=41`)
    mock.latest().emit('n', 3, { id: '43' })
    expect(received).toEqual([1, 3])
    expect(status()).toBe('open')
  })

  it('offers close and reconnect through useEventSource', () => {
    const { mock, render } = setup()
    let state: UseEventSourceResult | undefined
    function Badge() {
      state = useEventSource()
      useSSEEvent('x')
      return null
    }
    render(<Badge />)
    expect(state?.status).toBe('connecting')
    act(() => mock.latest().open())
    expect(state).toMatchObject({ status: 'open', readyState: 1, error: null })
    act(() => mock.latest().emit('x', 1, { id: '9' }))
    expect(state?.lastEventId).toBe('9')
    act(() => state?.close())
    expect(state).toMatchObject({ status: 'closed', readyState: 2 })
    act(() => state?.reconnect())
    expect(mock.instances).toHaveLength(2)
    expect(mock.latest().url).toMatch(/\?lastEventId=9$/)
    expect(state?.status).toBe('reconnecting')
    act(() => mock.latest().open())
    expect(state?.status).toBe('open')
  })
})

describe('reconnection edge cases', () => {
  it('keeps growing the backoff and spends the budget when a flapping server then stays down', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { mock, status } = connect({ reconnect: { initialDelay: 100, maxDelay: 100_000, maxRetries: 5 } })
    for (let flap = 0; flap < 3; flap++) {
      mock.latest().open()
      mock.latest().error('transient')
    }
    const delays: number[] = []
    for (let attempt = 0; attempt < 10 && status() !== 'closed'; attempt++) {
      const before = mock.instances.length
      const started = Date.now()
      vi.advanceTimersToNextTimer()
      if (mock.instances.length === before) break
      delays.push(Date.now() - started)
      mock.latest().error('transient') // the server is down now: fails before it opens
    }
    expect(delays.length).toBeLessThanOrEqual(5)
    expect(delays).toEqual([...delays].sort((a, b) => a - b))
    expect(new Set(delays).size).toBe(delays.length)
    expect(status()).toBe('closed')
  })

  it('waits out the backoff when a component remounts during the wait', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { mock, client } = connect()
    mock.latest().error('fatal')
    for (let remount = 0; remount < 4; remount++) {
      const unsubscribe = client.subscribe(url, 'n', () => {})
      unsubscribe()
    }
    expect(mock.instances).toHaveLength(1)
    vi.advanceTimersByTime(998)
    expect(mock.instances).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(mock.instances).toHaveLength(2)
  })

  it('does not open a stream for a new subscriber while the browser is offline', () => {
    const { mock, client, status } = connect()
    mock.latest().open()
    window.dispatchEvent(new Event('offline'))
    expect(status()).toBe('reconnecting')
    client.subscribe(url, 'other', () => {})
    expect(mock.instances).toHaveLength(1)
    window.dispatchEvent(new Event('online'))
    expect(mock.instances).toHaveLength(2)
  })

  it('backs off further from a server that opens and then refuses at once; one that stayed open starts over', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { mock, status } = connect({ reconnect: { initialDelay: 100, maxDelay: 100_000, maxRetries: 5 } })
    const delays: number[] = []
    for (let cycle = 0; cycle < 8 && status() !== 'closed'; cycle++) {
      mock.latest().open()
      mock.latest().error('fatal')
      const started = Date.now()
      vi.advanceTimersToNextTimer()
      delays.push(Date.now() - started)
    }
    // A transport that reports every hang-up as fatal cannot storm: the wait grows, the budget runs out.
    expect(delays.slice(0, 4)).toEqual([99, 99, 199, 399])
    expect(status()).toBe('closed')

    const lasting = connect({ reconnect: { initialDelay: 100, maxRetries: 3 } })
    const waits: number[] = []
    for (let cycle = 0; cycle < 6; cycle++) {
      lasting.mock.latest().open()
      vi.advanceTimersByTime(6000) // healthy: open for longer than 5 s
      lasting.mock.latest().error('fatal')
      const started = Date.now()
      vi.advanceTimersToNextTimer()
      waits.push(Date.now() - started)
    }
    expect(waits).toEqual(Array(6).fill(99))
    expect(lasting.status()).toBe('reconnecting')
  })

  it('keeps an open stream when the browser says online without having gone offline', () => {
    const { mock, status } = connect()
    mock.latest().open()
    window.dispatchEvent(new Event('online'))
    expect(mock.instances).toHaveLength(1)
    expect(mock.latest().closeCalls).toBe(0)
    expect(status()).toBe('open')
  })

  it('shares one stream between subscribers that differ only in non-transport options', () => {
    const mock = createMockEventSource()
    const client = new SSEClient({ EventSource: mock.EventSource })
    client.subscribe(url, 'n', () => {})
    client.subscribe(url, 'n', () => {}, { closeDelay: 500, maxMessageBytes: 10, reconnect: { maxRetries: 1 } })
    expect(mock.instances).toHaveLength(1)
  })

  it('does not deliver the current event to a subscriber added by a listener', () => {
    const { mock, client } = connect()
    const late: unknown[] = []
    client.subscribe(url, 'n', () => {
      if (late.length === 0) client.subscribe(url, 'n', (n) => late.push(n))
    })
    mock.latest().emit('n', 1)
    expect(late).toEqual([])
    mock.latest().emit('n', 2)
    expect(late).toEqual([2])
  })
})
