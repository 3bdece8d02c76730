// @vitest-environment jsdom
/** The panel in a DOM: opened from its button, its stream rows, its bounded log, its actions, its memory. */
import { act, cleanup, fireEvent, render, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../../src/index'
import { SSEDevtools } from '../../src/devtools/production'
import { createMockTransport } from '../../src/testing/index'
import type { CrossTabSnapshot, CrossTabTransport } from '../../src/cross-tab/index'

const url = 'http://127.0.0.1:1/events'

beforeEach(() => {
  vi.useFakeTimers()
  localStorage.clear()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function App() {
  useSSEEvent<number>('ping')
  useSSEEvent<number>('ping')
  useSSEEvent<number>('ping', () => {})
  useEventSource()
  return null
}

/** The panel's shadow root, queried as a person reads it. */
const panel = () => {
  const root = document.querySelector('sse-devtools')?.shadowRoot
  if (!root) throw new Error('no devtools host')
  return within(root as unknown as HTMLElement)
}
/** Lets the panel's throttled render happen. */
const settle = () => act(() => vi.advanceTimersByTime(250))

function renderApp(props: Parameters<typeof SSEDevtools>[0] = {}) {
  const mock = createMockTransport()
  const client = new SSEClient({ transport: mock.transport })
  const view = render(
    <SSEProvider client={client} url={url}>
      <App />
      <SSEDevtools {...props} />
    </SSEProvider>,
  )
  return { mock, client, view }
}

describe('SSEDevtools', () => {
  it('opens from its button, shows the stream open with its subscribers by type, and keeps the open state across a reload', () => {
    const { mock, view } = renderApp()
    act(() => mock.latest().open())
    settle()
    const toggle = panel().getByRole('button', { name: /open sse devtools \(1 streams, open\)/i })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)
    const row = panel().getByRole('row', { name: new RegExp(url) })
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      `${url}mock`,
      'open',
      'open',
      'none',
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}$/),
      '0',
      'none',
      'ping: 2 state, 1 listener · status: 1',
    ])
    expect(JSON.parse(localStorage.getItem('sse-hooks-devtools') ?? '{}')).toMatchObject({ open: true, dock: 'bottom' })
    view.unmount()
    renderApp()
    expect(panel().getByRole('region', { name: 'SSE devtools' })).toBeTruthy()
    const closeButton = panel().getByRole('button', { name: 'Close panel' })
    expect((closeButton.getRootNode() as ShadowRoot).activeElement).toBe(closeButton) // opening moves the focus into the panel
    fireEvent.keyDown(closeButton, { key: 'Escape' })
    expect(panel().queryByRole('region', { name: 'SSE devtools' })).toBeNull()
    const reopen = panel().getByRole('button', { name: /open sse devtools/i })
    expect((reopen.getRootNode() as ShadowRoot).activeElement).toBe(reopen) // and closing it, back on its button
    expect(JSON.parse(localStorage.getItem('sse-hooks-devtools') ?? '{}')).toMatchObject({ open: false })
  })

  it('logs events live in a ring of maxEvents, filters them, expands a payload and marks one that is not JSON', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}) // the app's state subscribers report the bad payload
    const { mock } = renderApp({ initialIsOpen: true, maxEvents: 5 })
    act(() => {
      for (let n = 1; n <= 8; n++) mock.latest().emit('ping', n, { id: String(n) })
      mock.latest().emit('ping', '{oops', { id: '9' })
    })
    settle()
    const events = () => panel().getAllByTestId('event')
    expect(events()).toHaveLength(5)
    expect(panel().getByTestId('event-count').textContent).toBe('5 shown · 9 received')
    expect(events()[0]?.textContent).toMatch(/ping #9 5 B not JSON\{oops/)
    fireEvent.click(within(events()[1] as HTMLElement).getByRole('button', { expanded: false }))
    expect(within(events()[1] as HTMLElement).getByText('8', { selector: 'pre' })).toBeTruthy()
    fireEvent.change(panel().getByRole('searchbox', { name: 'Filter by text' }), { target: { value: 'oops' } })
    expect(events()).toHaveLength(1)
    fireEvent.click(panel().getByRole('button', { name: 'Clear' }))
    expect(panel().queryAllByTestId('event')).toHaveLength(0)
  })

  it('pause stops logging until resumed; reconnect and close act on the stream', () => {
    const { mock } = renderApp({ initialIsOpen: true })
    act(() => mock.latest().emit('ping', 1))
    settle()
    fireEvent.click(panel().getByRole('button', { name: 'Pause' }))
    act(() => mock.latest().emit('ping', 2))
    settle()
    expect(panel().getAllByTestId('event')).toHaveLength(1)
    fireEvent.click(panel().getByRole('button', { name: 'Resume' }))
    act(() => mock.latest().emit('ping', 3))
    settle()
    expect(panel().getAllByTestId('event')).toHaveLength(2)

    fireEvent.click(panel().getByRole('button', { name: 'Reconnect' }))
    expect(mock.connections).toHaveLength(2)
    expect(mock.connections[0]?.closed).toBe(true)
    fireEvent.click(panel().getByRole('button', { name: 'Close stream' }))
    settle()
    expect(mock.latest().closed).toBe(true)
    expect(
      panel()
        .getByRole('row', { name: new RegExp(url) })
        .getAttribute('data-status'),
    ).toBe('closed')
  })

  it('shows a backoff with its countdown and the HTTP status that caused it, in the table and the timeline', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { mock } = renderApp({ initialIsOpen: true })
    act(() => mock.latest().open())
    act(() => mock.latest().fail({ fatal: true, status: 503, retryAfter: 3000 }))
    settle()
    const row = panel().getByRole('row', { name: new RegExp(url) })
    expect(row.textContent).toMatch(/reconnecting/)
    expect(row.textContent).toMatch(/backoff · retry in [23]\.\d s \(Retry-After\)/)
    expect(row.textContent).toMatch(/503 /)
    act(() => vi.advanceTimersByTime(1000))
    expect(row.textContent).toMatch(/retry in 1\.\d s/)
    fireEvent.click(panel().getByRole('tab', { name: 'Timeline' }))
    const phases = panel()
      .getAllByTestId('timeline-entry')
      .map((entry) => entry.getAttribute('data-phase'))
    expect(phases).toEqual(['backoff', 'open', 'connecting'])
    expect(panel().getAllByTestId('timeline-entry')[0]?.textContent).toMatch(/HTTP 503.*Retry-After 3\.0 s/)
  })

  it("shows this tab's part in a stream shared across tabs, from the provider's crossTab() transport", () => {
    const mock = createMockTransport({ key: 'inner' })
    let snapshot: CrossTabSnapshot = { role: 'follower', tabs: 2 }
    const listeners = new Set<() => void>()
    const shared: CrossTabTransport = {
      key: 'cross-tab inner',
      open: (request, sink) => mock.transport.open(request, sink),
      getSnapshot: () => snapshot,
      subscribe(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
    render(
      <SSEProvider url={url} transport={shared}>
        <App />
        <SSEDevtools initialIsOpen />
      </SSEProvider>,
    )
    settle()
    const transportCell = () =>
      panel()
        .getByRole('row', { name: new RegExp(url) })
        .querySelector('td .muted')?.textContent
    expect(transportCell()).toBe('cross-tab · inner · follower · 2 tabs')
    snapshot = { role: 'leader', tabs: 3 }
    act(() => listeners.forEach((listener) => listener()))
    settle()
    expect(transportCell()).toBe('cross-tab · inner · leader · 3 tabs')
  })

  it('stops inspecting when it unmounts, so the client builds no record after', () => {
    const { client, view } = renderApp({ initialIsOpen: true })
    expect(client.inspectors.size).toBe(1)
    view.rerender(
      <SSEProvider client={client} url={url}>
        <App />
      </SSEProvider>,
    )
    expect(document.querySelector('sse-devtools')).toBeNull()
    expect(client.inspectors.size).toBe(0)
  })
})

describe('sse-hooks/devtools in a production build', () => {
  it('renders nothing, and attaches no inspector', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    vi.resetModules()
    const { SSEDevtools: Development } = await import('../../src/devtools/index')
    const { SSEClient: Client, SSEProvider: Provider } = await import('../../src/index')
    const client = new Client({ transport: createMockTransport().transport })
    render(
      <Provider client={client} url={url}>
        <Development initialIsOpen />
      </Provider>,
    )
    await act(async () => {})
    expect(document.querySelector('sse-devtools')).toBeNull()
    expect(client.inspectors.size).toBe(0)
  })
})
