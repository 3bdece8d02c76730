import { act, cleanup, render, screen } from '@testing-library/react'
import { Suspense, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../../src/index'
import { createMockEventSource } from '../../src/testing/index'
import { Boundary } from './boundary'

function Price({ label = 'price' }: { label?: string }) {
  const { data } = useSSEEvent<number>('price', { suspense: true })
  // `data` is typed as present: no undefined branch.
  return <p>{`${label}: ${data.toFixed(1)}`}</p>
}

function setup(reconnect: false | undefined = undefined) {
  const mock = createMockEventSource()
  const client = new SSEClient({ EventSource: mock.EventSource, ...(reconnect === false ? { reconnect } : {}) })
  const wrap = (ui: ReactNode) => (
    <SSEProvider client={client} url="/events">
      {ui}
    </SSEProvider>
  )
  return { mock, client, wrap }
}

// React logs every error a boundary catches; these are expected here.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('useSSEEvent with suspense', () => {
  it('shows the fallback, then the value, over one stream; a later hook shows the value at once', async () => {
    const { mock, wrap } = setup()
    const view = render(wrap(<Suspense fallback={<p>loading</p>}>{[<Price key="a" />, <Price key="b" label="again" />]}</Suspense>))
    expect(screen.getByText('loading')).toBeTruthy()
    await act(async () => {
      mock.latest().emit('price', 41.5)
    })
    expect(await screen.findByText('price: 41.5')).toBeTruthy()
    expect(screen.getByText('again: 41.5')).toBeTruthy()
    expect(mock.instances).toHaveLength(1)

    view.rerender(
      wrap(
        <>
          <Suspense fallback={<p>loading</p>}>{[<Price key="a" />, <Price key="b" label="again" />]}</Suspense>
          <Suspense fallback={<p>late fallback</p>}>
            <Price label="late" />
          </Suspense>
        </>,
      ),
    )
    expect(screen.getByText('late: 41.5')).toBeTruthy()
    expect(screen.queryByText('late fallback')).toBeNull()
    expect(mock.instances).toHaveLength(1)
  })

  it('throws a spent retry budget to the error boundary; its reset reconnects and renders the next value', async () => {
    const { mock, wrap } = setup(false)
    let resets = 0
    const Reset = () => {
      const { reconnect } = useEventSource()
      return (
        <Boundary
          onReset={() => {
            resets++
            reconnect()
          }}
        >
          <Suspense fallback={<p>loading</p>}>
            <Price />
          </Suspense>
        </Boundary>
      )
    }
    render(wrap(<Reset />))
    expect(screen.getByText('loading')).toBeTruthy()
    await act(async () => mock.latest().error({ fatal: true, status: 503 }))
    const shown = await screen.findByRole('button')
    expect(shown.textContent).toBe('The server refused the stream (503)')

    await act(async () => shown.click())
    expect(resets).toBe(1)
    expect(mock.instances).toHaveLength(2)
    await act(async () => {
      mock.latest().emit('price', 7)
    })
    expect(await screen.findByText('price: 7.0')).toBeTruthy()
  })

  it('throws a first payload that fails to decode to the error boundary', async () => {
    const { mock, wrap } = setup()
    render(
      wrap(
        <Boundary>
          <Suspense fallback={<p>loading</p>}>
            <Price />
          </Suspense>
        </Boundary>,
      ),
    )
    await act(async () => {
      mock.latest().emit('price', '{not json')
    })
    expect((await screen.findByRole('button')).textContent).toMatch(/^parse error in "price"/)
  })

  it('keeps the value and its stream while a later event is invalid: no fallback, no boundary', async () => {
    const { mock, wrap } = setup()
    function Reader() {
      const { data, error } = useSSEEvent<number>('price', { suspense: true })
      return <p>{`${data} ${error?.kind ?? 'no error'}`}</p>
    }
    render(wrap(<Suspense fallback={<p>loading</p>}>{<Reader />}</Suspense>))
    await act(async () => {
      mock.latest().emit('price', 1)
    })
    await act(async () => {
      mock.latest().emit('price', '{bad')
    })
    expect(screen.getByText('1 parse')).toBeTruthy()
    expect(screen.queryByText('loading')).toBeNull()
  })
})

describe('useEventSource with suspense', () => {
  it('suspends until the stream is first open, then shows later drops as reconnecting', async () => {
    const { mock, wrap } = setup()
    function Status() {
      const { status } = useEventSource(undefined, { suspense: true })
      return <p>{`status: ${status}`}</p>
    }
    render(wrap(<Suspense fallback={<p>connecting…</p>}>{<Status />}</Suspense>))
    expect(screen.getByText('connecting…')).toBeTruthy()
    await act(async () => mock.latest().open())
    expect(await screen.findByText('status: open')).toBeTruthy()
    act(() => mock.latest().error())
    expect(screen.getByText('status: reconnecting')).toBeTruthy()
  })

  it('throws a close() before the first open to the error boundary', async () => {
    const { client, wrap } = setup()
    function Status() {
      useEventSource(undefined, { suspense: true })
      return <p>open</p>
    }
    render(
      wrap(
        <Boundary>
          <Suspense fallback={<p>connecting…</p>}>
            <Status />
          </Suspense>
        </Boundary>,
      ),
    )
    await act(async () => client.close('/events'))
    expect((await screen.findByRole('button')).textContent).toBe('The stream closed before it had a value (no status)')
  })
})
