import { act, render } from '@testing-library/react'
import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { SSEError, SSEProvider, useEventSource, useSSEEvent, type SSEEventState } from '../src/index'
import { setup } from './helpers'

describe('listener form', () => {
  it('calls the newest inline listener without resubscribing', () => {
    const { mock, render } = setup()
    const calls: string[] = []
    function Component({ label }: { label: string }) {
      useSSEEvent<number>('n', (n) => calls.push(`${label}:${n}`))
      return null
    }
    const view = render(<Component label="first" />)
    const source = mock.latest()
    const listenerBefore = source.listenerCount('n')
    view.rerender(<Component label="second" />)
    view.rerender(<Component label="third" />)
    act(() => source.emit('n', 1))
    expect(calls).toEqual(['third:1'])
    expect(source.listenerCount('n')).toBe(listenerBefore)
    expect(mock.instances).toHaveLength(1)
  })

  it('resubscribes when the event type changes', () => {
    const { mock, render } = setup()
    const calls: string[] = []
    function Component({ type }: { type: string }) {
      useSSEEvent<number>(type, (n, event) => calls.push(`${event.type}:${n}`))
      return null
    }
    const view = render(<Component type="a" />)
    const source = mock.latest()
    view.rerender(<Component type="b" />)
    expect(source.listenerTypes()).not.toContain('a')
    act(() => {
      source.emit('a', 1)
      source.emit('b', 2)
    })
    expect(calls).toEqual(['b:2'])
  })

  it('gets every event in order, identical consecutive payloads included, without re-rendering', () => {
    const { mock, render } = setup()
    const received: unknown[] = []
    let renders = 0
    function Component() {
      renders++
      useSSEEvent('chat', (message) => received.push(message))
      return null
    }
    render(<Component />)
    const rendersBefore = renders
    const payloads = [{ text: 'hi' }, { text: 'hi' }, { text: 'hi' }, 1, 1, [2], null]
    act(() => {
      for (const payload of payloads) mock.latest().emit('chat', payload)
    })
    expect(received).toEqual(payloads)
    expect(renders).toBe(rendersBefore)
  })
})

describe('state form', () => {
  it('holds the latest decoded payload and the id it came with', () => {
    const { mock, render } = setup()
    let state: SSEEventState<{ time: string }> | undefined
    function Clock() {
      state = useSSEEvent<{ time: string }>('ping')
      return null
    }
    render(<Clock />)
    expect(state).toEqual({ data: undefined, error: null, lastEventId: undefined })
    act(() => mock.latest().emit('ping', { time: '1' }, { id: '10' }))
    act(() => mock.latest().emit('ping', { time: '2' }, { id: '11' }))
    expect(state).toEqual({ data: { time: '2' }, error: null, lastEventId: '11' })
  })

  it('delivers unnamed events as "message"', () => {
    const { mock, render } = setup()
    let data: unknown
    function Component() {
      data = useSSEEvent('message').data
      return null
    }
    render(<Component />)
    act(() => mock.latest().emit('message', { hello: 'world' }))
    expect(data).toEqual({ hello: 'world' })
  })

  it('treats a server-sent `event: error` as data and never decodes the browser error Event', () => {
    const { mock, render } = setup()
    const onError = vi.fn()
    let state: SSEEventState<{ code: number }> | undefined
    function Component() {
      state = useSSEEvent<{ code: number }>('error', { onError })
      return null
    }
    render(<Component />)
    const source = mock.latest()
    act(() => source.emit('error', { code: 42 }))
    expect(state?.data).toEqual({ code: 42 })
    act(() => source.error('transient'))
    expect(state?.data).toEqual({ code: 42 })
    expect(state?.error).toBeNull()
    expect(onError).not.toHaveBeenCalled()
  })
})

describe('bad payloads', () => {
  const Ping = v.object({ time: v.string() })

  it('reports malformed JSON to that subscriber only; the stream and others go on', () => {
    const { mock, render } = setup()
    const onError = vi.fn()
    const text: string[] = []
    let json: SSEEventState<unknown> | undefined
    let other: SSEEventState<unknown> | undefined
    function Component() {
      json = useSSEEvent('note', { onError })
      useSSEEvent('note', (raw) => text.push(raw as string), { parse: (data) => data })
      other = useSSEEvent('other')
      return null
    }
    render(<Component />)
    const source = mock.latest()
    act(() => source.emit('note', { ok: true }))
    act(() => source.emit('note', '{not json', { id: '7' }))
    expect(json?.data).toEqual({ ok: true })
    expect(json?.error).toBeInstanceOf(SSEError)
    expect(json?.error).toMatchObject({ kind: 'parse', eventType: 'note', data: '{not json', lastEventId: '7' })
    expect(json?.error?.message).toMatch(/^parse error in "note": SyntaxError/)
    expect(json?.error?.cause).toBeInstanceOf(SyntaxError)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(text).toEqual(['{"ok":true}', '{not json'])

    act(() => source.emit('other', 1))
    act(() => source.emit('note', { ok: 2 }))
    expect(other?.data).toBe(1)
    expect(json).toMatchObject({ data: { ok: 2 }, error: null })
    expect(source.closeCalls).toBe(0)
  })

  it('validates with a Standard Schema and reports the issues', () => {
    const { mock, render } = setup()
    const onError = vi.fn()
    let state: SSEEventState<{ time: string }> | undefined
    function Component() {
      state = useSSEEvent('ping', { schema: Ping, onError })
      return null
    }
    render(<Component />)
    act(() => mock.latest().emit('ping', { time: 'noon' }))
    act(() => mock.latest().emit('ping', { time: 12 }))
    expect(state?.data).toEqual({ time: 'noon' })
    expect(state?.error?.kind).toBe('validation')
    expect(state?.error?.issues?.length).toBeGreaterThan(0)
    expect(onError).toHaveBeenCalledWith(state?.error)
  })

  it('keeps async schema results in event order', async () => {
    const { mock, render } = setup()
    const received: number[] = []
    const Slow = v.pipeAsync(
      v.number(),
      v.checkAsync(async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n === 1 ? 20 : 0))
        return true
      }),
    )
    function Component() {
      useSSEEvent('n', (n) => received.push(n), { schema: Slow })
      return null
    }
    render(<Component />)
    act(() => {
      mock.latest().emit('n', 1)
      mock.latest().emit('n', 2)
      mock.latest().emit('n', 3)
    })
    await vi.waitFor(() => expect(received).toEqual([1, 2, 3]))
  })

  it('keeps delivering to others when a listener throws', () => {
    const { mock, render } = setup()
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const onError = vi.fn()
    const received: number[] = []
    function Component() {
      useSSEEvent<number>(
        'n',
        () => {
          throw new Error('boom')
        },
        { onError },
      )
      useSSEEvent<number>('n', () => {
        throw new Error('unhandled')
      })
      useSSEEvent<number>('n', (n) => received.push(n))
      return null
    }
    render(<Component />)
    act(() => {
      mock.latest().emit('n', 1)
      mock.latest().emit('n', 2)
    })
    expect(received).toEqual([1, 2])
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'listener', cause: new Error('boom') })
    expect(consoleError).toHaveBeenCalledTimes(2)
  })

  it('rejects events larger than maxMessageBytes with a size error', () => {
    const { mock, render } = setup({ maxMessageBytes: 16 })
    let state: SSEEventState<string> | undefined
    function Component() {
      state = useSSEEvent<string>('n')
      return null
    }
    render(<Component />)
    act(() => mock.latest().emit('n', JSON.stringify('short')))
    act(() => mock.latest().emit('n', JSON.stringify('é'.repeat(10))))
    expect(state?.data).toBe('short')
    expect(state?.error).toMatchObject({ kind: 'size', eventType: 'n', data: undefined })
    expect(state?.error?.message).toBe('size error in "n": over maxMessageBytes (16)')
  })

  it('reports an onError that throws as a listener error, and others still get the event', () => {
    const { mock, render } = setup()
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const received: unknown[] = []
    function Component() {
      useSSEEvent('n', {
        onError: () => {
          throw new Error('onError broke')
        },
      })
      useSSEEvent('n', (n) => received.push(n), { parse: (data) => data })
      return null
    }
    render(<Component />)
    act(() => void mock.latest().emit('n', '{bad'))
    expect(received).toEqual(['{bad'])
    expect(consoleError).toHaveBeenCalledTimes(1)
    expect(consoleError.mock.calls[0]?.[0]).toMatchObject({ kind: 'listener', eventType: 'n', cause: new Error('onError broke') })
  })

  it('delivers a payload that happens to be an SSEError as a payload', () => {
    const { mock, render } = setup()
    const onError = vi.fn()
    const received: unknown[] = []
    function Component() {
      useSSEEvent('n', (n) => received.push(n), { parse: (data) => new SSEError('connection', data), onError })
      return null
    }
    render(<Component />)
    act(() => void mock.latest().emit('n', 'modelled'))
    expect(received).toEqual([expect.objectContaining({ message: 'modelled' })])
    expect(onError).not.toHaveBeenCalled()
  })
})

describe('odd event names and payloads', () => {
  it.each(['__proto__', 'constructor', '', 'toString', 'hasOwnProperty'])('delivers events named %j', (type) => {
    const { mock, render } = setup()
    let data: unknown
    function Component() {
      data = useSSEEvent(type).data
      return null
    }
    render(<Component />)
    act(() => mock.latest().emit(type, { type }))
    expect(data).toEqual({ type })
    expect(mock.latest().listenerCount(type)).toBe(1)
  })

  it('keeps a payload with __proto__ keys from polluting anything', () => {
    const { mock, render } = setup()
    let data: Record<string, unknown> | undefined
    function Component() {
      data = useSSEEvent<Record<string, unknown>>('x').data
      return null
    }
    render(<Component />)
    act(() => mock.latest().emit('x', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'))
    expect(Object.keys(data ?? {})).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})

describe('inline options', () => {
  it('keeps working with an inline parse and an inline schema (read at each event, never resubscribed)', async () => {
    const { mock, render } = setup()
    const seen: number[] = []
    let text: string | undefined
    function Component() {
      text = useSSEEvent<string>('note', { parse: (data) => data.toUpperCase() }).data
      useSSEEvent('n', (n) => seen.push(n), {
        schema: v.pipeAsync(
          v.number(),
          v.checkAsync(async () => true),
        ),
      })
      return null
    }
    const view = render(<Component />)
    act(() => mock.latest().emit('note', 'hello'))
    expect(text).toBe('HELLO')
    act(() => {
      mock.latest().emit('n', 1)
      mock.latest().emit('n', 2)
    })
    view.rerender(<Component />)
    act(() => mock.latest().emit('n', 3))
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]))
    expect(mock.instances).toHaveLength(1)
  })

  it('keeps the last payload across an enabled toggle, and delivers nothing while disabled', () => {
    const { mock, render } = setup()
    let state: SSEEventState<number> | undefined
    function Component({ enabled }: { enabled: boolean }) {
      state = useSSEEvent<number>('n', { enabled })
      useSSEEvent('other')
      return null
    }
    const view = render(<Component enabled />)
    act(() => mock.latest().emit('n', 1))
    view.rerender(<Component enabled={false} />)
    act(() => mock.latest().emit('n', 2))
    expect(state?.data).toBe(1)
    view.rerender(<Component enabled />)
    expect(state?.data).toBe(1)
    act(() => mock.latest().emit('n', 3))
    expect(state?.data).toBe(3)
  })
})

describe('batch: frame', () => {
  it('hands a burst to React once per frame, newest value last, while listeners see every event', async () => {
    const { mock, client } = setup()
    let renders = 0
    const everything: number[] = []
    function Tile() {
      renders++
      return <span>{useSSEEvent<number>('n').data ?? '-'}</span>
    }
    function Listener() {
      useSSEEvent<number>('n', (n) => everything.push(n))
      return null
    }
    const view = render(
      <SSEProvider client={client} url="/events" batch="frame">
        <Tile />
        <Tile />
        <Listener />
      </SSEProvider>,
    )
    const before = renders
    for (let n = 1; n <= 100; n++) act(() => void mock.latest().emit('n', n))
    expect(everything).toHaveLength(100)
    await vi.waitFor(() => expect(view.container.textContent).toBe('100100'))
    expect(renders - before).toBeLessThanOrEqual(4) // two tiles, at most two frames
    expect(everything).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
  })

  it('also moves useEventSource once per frame, to the newest id', async () => {
    const { mock, client } = setup()
    let renders = 0
    function Badge() {
      renders++
      return <span>{useEventSource().lastEventId}</span>
    }
    // The stream hears the ids of the event types someone listens to.
    function Listener() {
      useSSEEvent('n', () => {})
      return null
    }
    const view = render(
      <SSEProvider client={client} url="/events" batch="frame">
        <Badge />
        <Listener />
      </SSEProvider>,
    )
    act(() => mock.latest().open())
    const before = renders
    for (let n = 1; n <= 50; n++) act(() => void mock.latest().emit('n', n, { id: String(n) }))
    await vi.waitFor(() => expect(view.container.textContent).toBe('50'))
    expect(renders - before).toBeLessThanOrEqual(2)
  })

  it('renders every event at once by default', () => {
    const { mock, render } = setup()
    let renders = 0
    function Tile() {
      renders++
      return <span>{useSSEEvent<number>('n').data ?? '-'}</span>
    }
    const view = render(<Tile />)
    const before = renders
    for (let n = 1; n <= 10; n++) act(() => void mock.latest().emit('n', n))
    expect(view.container.textContent).toBe('10')
    expect(renders - before).toBe(10)
  })
})
