// @vitest-environment jsdom
/** fetchTransport under the stream, through the public React API: sharing by key, and the grace period. */
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SSEProvider, useSSEEvent } from '../../src/index'
import { fetchTransport } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { stream } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()
afterEach(cleanup)

function Latest({ n, userKey }: { n: number; userKey?: string }) {
  // A new transport object on every render, as an inline prop would be: equal keys share.
  const transport = userKey === undefined ? undefined : fetchTransport({ key: userKey, headers: { 'X-User': userKey } })
  const { data } = useSSEEvent<string>('message', transport ? { transport } : {})
  return <p data-testid={`latest-${n}`}>{data ?? 'none'}</p>
}

describe('fetchTransport under SSEProvider', () => {
  it('20 components on one transport → 1 request; a different key → a second one', async () => {
    h.server.respond((hit) => stream(hit, `data: "for ${String(hit.headers['x-user'] ?? 'anyone')}"\n\n`))
    const shared = fetchTransport({ headers: async () => ({ Authorization: 'Bearer t' }) })
    const view = render(
      <SSEProvider url={`${h.server.url}/events`} transport={shared} closeDelay={0}>
        {Array.from({ length: 20 }, (_, n) => (
          <Latest key={n} n={n} />
        ))}
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(screen.getByTestId('latest-19').textContent).toBe('for anyone'), WAIT)
    expect(h.server.hits).toHaveLength(1)

    view.rerender(
      <SSEProvider url={`${h.server.url}/events`} transport={shared} closeDelay={0}>
        {Array.from({ length: 20 }, (_, n) => (
          <Latest key={n} n={n} />
        ))}
        <Latest n={20} userKey="ada" />
        <Latest n={21} userKey="ada" />
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(screen.getByTestId('latest-21').textContent).toBe('for ada'), WAIT)
    view.rerender(
      <SSEProvider url={`${h.server.url}/events`} transport={shared} closeDelay={0}>
        <Latest n={20} userKey="ada" />
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect(h.server.hits).toHaveLength(2)
    expect(h.server.hits[1]?.closedAt).toBeUndefined()
  })

  it('unmounting the last component aborts the request after the grace period', async () => {
    const view = render(
      <SSEProvider url={`${h.server.url}/events`} transport={fetchTransport()} closeDelay={150}>
        <Latest n={0} />
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(h.server.hits).toHaveLength(1), WAIT)
    const unmountedAt = performance.now()
    view.unmount()
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect((h.server.hits[0]?.closedAt ?? 0) - unmountedAt).toBeGreaterThanOrEqual(140)
  })
})
