import { act, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent, type SSEBatchMode } from '../../src/index'
import { createFakePage, createMockTransport } from '../../src/testing/index'

const url = 'http://127.0.0.1:1/events'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a backoff has a deadline', () => {
  it('a component that remounts during the wait opens the next connection when the same wait ends', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5) // the first backoff step is [0, 1000): 500 ms
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    function Listener() {
      useSSEEvent('n', () => {})
      return null
    }
    const first = render(
      <SSEProvider client={client} url={url}>
        <Listener />
      </SSEProvider>,
    )
    act(() => mock.latest().fail('fatal'))
    const failedAt = Date.now()
    act(() => vi.advanceTimersByTime(400))
    first.unmount()
    render(
      <SSEProvider client={client} url={url}>
        <Listener />
      </SSEProvider>,
    )
    act(() => vi.advanceTimersByTime(99))
    expect(mock.connections).toHaveLength(1)
    act(() => vi.advanceTimersByTime(1))
    expect(mock.connections).toHaveLength(2)
    expect(Date.now() - failedAt).toBe(500)
  })

  it('online during a backoff reconnects within the first step, at a jittered moment per client', () => {
    const opensAt = (random: number) => {
      const randomSpy = vi.spyOn(Math, 'random').mockReturnValue(0.99)
      const page = createFakePage()
      const mock = createMockTransport()
      const client = new SSEClient({ transport: mock.transport, page })
      client.subscribe(url, 'n', () => {})
      // Five refusals: the wait is now up to 32 s.
      for (let refusal = 0; refusal < 5; refusal++) {
        mock.latest().fail('fatal')
        vi.runOnlyPendingTimers()
      }
      mock.latest().fail('fatal')
      page.setOnline(false)
      randomSpy.mockReturnValue(random)
      const back = Date.now()
      const before = mock.connections.length
      page.setOnline(true)
      for (let waited = 0; waited < 60_000 && mock.connections.length === before; waited++) vi.advanceTimersByTime(1)
      return Date.now() - back
    }
    const early = opensAt(0.1)
    const late = opensAt(0.6)
    expect(early).toBe(100) // 0.1 of the first step
    expect(late).toBe(600)
  })

  it('offline, then online, after an open stream reconnects at once', () => {
    const page = createFakePage()
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, page })
    client.subscribe(url, 'n', () => {})
    mock.latest().open()
    page.setOnline(false)
    expect(mock.latest().closed).toBe(true)
    expect(client.getSnapshot(url).status).toBe('reconnecting')
    page.setOnline(true)
    expect(mock.connections).toHaveLength(2)
  })
})

describe('the latest value is shared', () => {
  it('a state hook mounted after three events shows the third at once, as the hook already there does', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    const commits: [unknown, unknown][] = []
    let early: unknown
    function Early() {
      early = useSSEEvent<{ n: number }>('price').data
      return null
    }
    function Late() {
      const late = useSSEEvent<{ n: number }>('price').data
      commits.push([early, late])
      return null
    }
    const view = render(
      <SSEProvider client={client} url={url}>
        <Early />
      </SSEProvider>,
    )
    for (let n = 1; n <= 3; n++) act(() => void mock.latest().emit('price', { n }, { id: String(n) }))
    view.rerender(
      <SSEProvider client={client} url={url}>
        <Early />
        <Late />
      </SSEProvider>,
    )
    expect(commits[0]).toEqual([{ n: 3 }, { n: 3 }])
    // One decoder: both hold the very same payload, in every commit.
    act(() => void mock.latest().emit('price', { n: 4 }))
    for (const [a, b] of commits) expect(a).toBe(b)
    expect(commits.at(-1)?.[1]).toEqual({ n: 4 })
  })

  it('decodes the latest event with the late hook’s own parse and schema', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    client.subscribe(url, 'word', () => {}, { parse: (data) => data })
    mock.latest().emit('word', 'hello')
    let seen: unknown
    function Late() {
      seen = useSSEEvent<string>('word', { parse: (data) => data.toUpperCase() }).data
      return null
    }
    render(
      <SSEProvider client={client} url={url}>
        <Late />
      </SSEProvider>,
    )
    expect(seen).toBe('HELLO')
  })
})

describe('components re-render only for what they read', () => {
  it.each(['sync', 'frame'] as SSEBatchMode[])('a status badge does not re-render for 1,000 events with ids (batch %s)', async (batch) => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    let badgeRenders = 0
    let idRenders = 0
    function Badge() {
      badgeRenders++
      return <span>{useEventSource().status}</span>
    }
    function LastId() {
      idRenders++
      return <span>{useEventSource().lastEventId}</span>
    }
    function Listener() {
      useSSEEvent('tick', () => {})
      return null
    }
    const view = render(
      <SSEProvider client={client} url={url} batch={batch}>
        <Badge />
        <LastId />
        <Listener />
      </SSEProvider>,
    )
    act(() => mock.latest().open())
    await act(() => vi.advanceTimersByTimeAsync(50))
    expect(view.container.textContent).toBe('open')
    const [badgeBefore, idBefore] = [badgeRenders, idRenders]
    for (let n = 1; n <= 1000; n++) act(() => void mock.latest().emit('tick', n, { id: String(n) }))
    await act(() => vi.advanceTimersByTimeAsync(50))
    expect(view.container.textContent).toBe('open1000')
    expect(badgeRenders - badgeBefore).toBe(0)
    expect(idRenders - idBefore).toBeGreaterThan(0) // the one that reads the id still follows it
  })
})

describe('a transport that tells more than EventSource can', () => {
  it('ids with no data move the resume point; comments change nothing; a 503 waits out Retry-After', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    const seen: unknown[] = []
    const statuses: string[] = []
    client.subscribe(url, 'n', (n) => seen.push(n))
    client.subscribeState(url, () => {
      const { status } = client.getSnapshot(url)
      if (statuses.at(-1) !== status) statuses.push(status)
    })
    const first = mock.latest()
    first.emit('n', 1, { id: '1' })
    first.id('7')
    expect(client.getSnapshot(url).lastEventId).toBe('7')
    first.comment('keep-alive')
    first.retry(5000)
    expect(seen).toEqual([1])
    first.fail({ fatal: true, status: 503, retryAfter: 2000, message: 'Service Unavailable' })
    expect(client.getSnapshot(url).error).toMatchObject({ kind: 'connection', status: 503 })
    vi.advanceTimersByTime(1999)
    expect(mock.connections).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(mock.connections).toHaveLength(2)
    expect(mock.latest().request.lastEventId).toBe('7')
    expect(statuses).toEqual(['open', 'reconnecting'])
    expect(client.getSnapshot(url).readyState).toBe(0) // our new connection is opening
  })

  it('tells the transport which event types to listen to, as they come and go', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    const offA = client.subscribe(url, 'a', () => {})
    expect([...mock.latest().types]).toEqual(['a'])
    const offB = client.subscribe(url, 'b', () => {})
    offA()
    expect([...mock.latest().types]).toEqual(['b'])
    offB()
  })

  it('a transport that throws while opening closes the stream with a connection error', () => {
    const client = new SSEClient({
      transport: {
        key: 'broken',
        open() {
          throw new Error('no socket here')
        },
      },
    })
    client.subscribe(url, 'n', () => {})
    expect(client.getSnapshot(url)).toMatchObject({ status: 'closed', error: { kind: 'connection' } })
    expect(client.getSnapshot(url).error?.message).toMatch(/no socket here/)
  })
})

describe('sharing keys are plain strings', () => {
  it('two clients (two tabs) compute the same key for the same URL and transport options', () => {
    const options = { transport: createMockTransport({ key: 'user-7' }).transport, withCredentials: true }
    const a = new SSEClient().keyFor(url, options)
    const b = new SSEClient().keyFor(url, { ...options, transport: createMockTransport({ key: 'user-7' }).transport })
    expect(a).toBe(b)
    expect(new SSEClient().keyFor(url)).toBe(new SSEClient().keyFor(url))
    expect(new SSEClient().keyFor(url, { transport: createMockTransport({ key: 'user-8' }).transport })).not.toBe(a)
  })
})

describe('edges of the seam', () => {
  it('hears of a type subscribed while the transport is still opening', () => {
    const listened: [string, boolean][] = []
    const client = new SSEClient({
      transport: {
        key: 'eager',
        open(_request, sink) {
          sink.open()
          sink.event({ type: 'first', data: '1', lastEventId: '' }) // its listener subscribes to 'late'
          return { close() {}, listen: (type, wanted) => void listened.push([type, wanted]) }
        },
      },
    })
    client.subscribe(url, 'first', () => client.subscribe(url, 'late', () => {}))
    expect(listened).toEqual([['late', true]])
  })

  it('forgets the latest value of a type nobody listens to any more, so a late hook never shows a stale one', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport })
    const keep = client.subscribeState(url, () => {})
    const off = client.subscribe(url, 'price', () => {})
    mock.latest().emit('price', 1)
    expect(client.stream(url).latest('price')?.message.data).toBe('1')
    off()
    mock.latest().emit('price', 2) // passes by: nobody listens
    expect(client.stream(url).latest('price')).toBeUndefined()
    keep()
  })
})

describe('the page lifecycle', () => {
  it('lets go of a window that was torn down meanwhile (a test environment closing under a backoff)', () => {
    const torn = { addEventListener: vi.fn(), removeEventListener: vi.fn() }
    vi.stubGlobal('window', torn)
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, closeDelay: 0 })
    const off = client.subscribe(url, 'n', () => {})
    mock.latest().fail('fatal') // a backoff: the stream outlives its last subscriber until the deadline
    off()
    Reflect.deleteProperty(torn, 'removeEventListener')
    expect(() => vi.runAllTimers()).not.toThrow()
    expect(client.getStats().connections).toBe(0)
  })
})

describe('the frame scheduler', () => {
  it('runs pending callbacks once per frame, and on a timer where frames have stopped (a hidden tab)', () => {
    const frames: (() => void)[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
    const schedule = new SSEClient({ batch: 'frame' }).stream(url).schedule
    const runs: string[] = []
    const a = () => runs.push('a')
    schedule?.(a)
    schedule?.(a) // already pending: runs once
    frames.shift()?.()
    expect(runs).toEqual(['a'])
    vi.advanceTimersByTime(200)
    expect(runs).toEqual(['a']) // the timer lost the race and did nothing
    schedule?.(() => runs.push('b')) // now the frame never comes
    vi.advanceTimersByTime(99)
    expect(runs).toEqual(['a'])
    vi.advanceTimersByTime(1)
    expect(runs).toEqual(['a', 'b'])
  })
})
