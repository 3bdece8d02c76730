import { act, cleanup, render } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent, type SSEReconnectInfo } from '../../src/index'
import { createFakePage, createMockEventSource } from '../../src/testing/index'
import { waitFor } from '../../src/react/wait'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

it('keeps the stream and its latest value for a render that comes back long after the value arrived', async () => {
  vi.useFakeTimers()
  const mock = createMockEventSource()
  const stream = new SSEClient({ EventSource: mock.EventSource }).stream('http://127.0.0.1/events')
  let settled = false
  void waitFor(stream, 'price').then(() => (settled = true))
  mock.latest().emit('price', 3)
  await vi.advanceTimersByTimeAsync(10_000) // siblings still loading
  expect(settled).toBe(true)
  expect(stream.latest('price')?.message.data).toBe('3')
  expect(mock.instances).toHaveLength(1)
  expect(mock.latest().readyState).toBe(1)
})

it('a stream paused on a hidden page is waited for, not taken as stopped for good', async () => {
  const mock = createMockEventSource()
  const page = createFakePage()
  page.setVisible(false)
  const stream = new SSEClient({ EventSource: mock.EventSource, page, pauseWhenHidden: true }).stream('http://127.0.0.1/events')
  let settled = false
  void waitFor(stream, 'price').then(() => (settled = true))
  await Promise.resolve()
  expect(stream.getSnapshot().status).toBe('closed')
  expect(settled).toBe(false)
  page.setVisible(true)
  mock.latest().emit('price', 1)
  await Promise.resolve()
  expect(settled).toBe(true)
})

it("calls the client's, the provider's and a hook's own onReconnect, each once", () => {
  const mock = createMockEventSource()
  const heard: string[] = []
  const note = (who: string) => (info: SSEReconnectInfo) => void heard.push(`${who} ${info.lastEventId}`)
  const client = new SSEClient({ EventSource: mock.EventSource, onReconnect: note('client') })
  function Hooks() {
    useSSEEvent<number>('tick', { onReconnect: note('hook') })
    useEventSource()
    return null
  }
  render(
    <SSEProvider client={client} url="/events" onReconnect={note('provider')}>
      <Hooks />
    </SSEProvider>,
  )
  act(() => void mock.latest().emit('tick', 1, { id: '5' }))
  act(() => mock.latest().error())
  act(() => mock.latest().open())
  expect(heard.sort()).toEqual(['client 5', 'hook 5', 'provider 5'])
})
