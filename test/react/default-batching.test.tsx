import { createRoot } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../../src/index'
import { createMockTransport } from '../../src/testing/index'

// Outside React Testing Library: an app's own page, where React's act() is not in charge.
const flag = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean | undefined }
let previous: boolean | undefined
beforeEach(() => {
  previous = flag.IS_REACT_ACT_ENVIRONMENT
  flag.IS_REACT_ACT_ENVIRONMENT = false
})
afterEach(() => {
  flag.IS_REACT_ACT_ENVIRONMENT = previous
})

function mount() {
  const mock = createMockTransport()
  const client = new SSEClient({ transport: mock.transport })
  const shown: unknown[] = []
  let badgeRenders = 0
  function Tile() {
    const { data } = useSSEEvent<number>('n')
    shown.push(data)
    return <span>{data ?? '-'}</span>
  }
  function Badge() {
    badgeRenders++
    return <b>{useEventSource().lastEventId}</b>
  }
  const container = document.createElement('div')
  const root = createRoot(container)
  root.render(
    <SSEProvider client={client} url="http://127.0.0.1:1/events">
      <Tile />
      <Badge />
    </SSEProvider>,
  )
  return { mock, container, shown, badgeRenders: () => badgeRenders, unmount: () => root.unmount() }
}

describe('the default batching, as users run it', () => {
  it('commits a burst at most once per frame, newest value last', async () => {
    const page = mount()
    await vi.waitFor(() => expect(page.container.textContent).toBe('-'))
    const [renders, badge] = [page.shown.length, page.badgeRenders()]
    const started = performance.now()
    // Each event in a task of its own, as a browser hands them over from the network.
    for (let n = 1; n <= 200; n++) {
      page.mock.latest().emit('n', n, { id: String(n) })
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    await vi.waitFor(() => expect(page.container.textContent).toBe('200200'))
    const frames = Math.ceil((performance.now() - started) / 16) + 1
    expect(page.shown.length - renders).toBeLessThanOrEqual(frames)
    expect(page.shown.length - renders).toBeLessThan(100)
    expect(page.badgeRenders() - badge).toBeLessThanOrEqual(frames)
    page.unmount()
  })

  it('renders every value that comes at a human pace', async () => {
    const page = mount()
    await vi.waitFor(() => expect(page.container.textContent).toBe('-'))
    for (let n = 1; n <= 5; n++) {
      page.mock.latest().emit('n', n, { id: String(n) })
      await vi.waitFor(() => expect(page.container.textContent).toBe(`${n}${n}`))
    }
    expect(page.shown.filter((value) => value !== undefined)).toEqual([1, 2, 3, 4, 5])
    page.unmount()
  })
})
