import { act, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SSEProvider, useSSEEvent } from '../../src/index'
import { crossTab, useCrossTab, type CrossTabTransport } from '../../src/cross-tab/index'
import { createFakePage, createMockTransport } from '../../src/testing/index'
import { createFakeBrowser } from './fake-browser'

afterEach(() => {
  vi.useRealTimers()
})

function Role() {
  const { role, tabs } = useCrossTab()
  useSSEEvent('tick', () => {})
  return <p>{`${role} of ${tabs}`}</p>
}

const settle = async () => {
  for (let round = 0; round < 10; round++) await act(() => vi.advanceTimersByTimeAsync(1))
}

describe('useCrossTab', () => {
  it("shows this tab's role and how many tabs share the connection, and follows their changes", async () => {
    vi.useFakeTimers()
    const browser = createFakeBrowser()
    const server = createMockTransport()
    const transports: CrossTabTransport[] = []
    const app = () => {
      const tab = browser.tab()
      const transport = crossTab(server.transport, { locks: tab.locks, BroadcastChannel: tab.BroadcastChannel, tab: tab.lifecycle })
      transports.push(transport)
      return (
        <SSEProvider url="http://app.test/events" transport={transport} page={createFakePage()}>
          <Role />
        </SSEProvider>
      )
    }
    const first = render(app())
    await settle()
    expect(first.container.textContent).toBe('leader of 1')
    const second = render(app())
    await settle()
    await act(() => vi.advanceTimersByTimeAsync(400)) // the leader's next beat carries the count
    await settle()
    expect(first.container.textContent).toBe('leader of 2')
    expect(second.container.textContent).toBe('follower of 2')
    expect(server.connections).toHaveLength(1)
    first.unmount()
    await act(() => vi.advanceTimersByTimeAsync(200))
    await settle()
    expect(second.container.textContent).toBe('leader of 1')
    second.unmount()
  })

  it('says what it needs when the provider has no cross-tab transport', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() =>
      render(
        <SSEProvider url="http://app.test/events">
          <Role />
        </SSEProvider>,
      ),
    ).toThrow(/useCrossTab needs a crossTab\(\) transport/)
  })
})
