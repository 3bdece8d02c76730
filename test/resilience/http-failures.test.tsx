// @vitest-environment jsdom
import { render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { SSEProvider, useEventSource, type SSEOptions } from '../../src/index'
import { fast, text, setupHarness, WAIT } from './harness'

const h = setupHarness()

/** Two retries, quick: the whole budget is spent in well under a second. */
const policy = { ...fast, reconnect: { initialDelay: 20, maxDelay: 40, maxRetries: 2 } } satisfies SSEOptions

describe('scenario 1: HTTP errors and a wrong Content-Type', () => {
  it.each([404, 500, 503])(
    'HTTP %i: the browser gives up, the client reports the status and retries by its policy until the budget is spent',
    async (code) => {
      const url = `${h.server.url}/status?code=${code}`
      const delivered: string[] = []
      h.track(h.client.subscribe(url, 'message', (data: string) => delivered.push(data), { ...policy, parse: text }))
      const states = h.recordStates(url, policy)

      await vi.waitFor(() => expect(h.client.getSnapshot(url, policy).status).toBe('closed'), WAIT)

      expect(h.server.requestsTo('/status')).toHaveLength(1 + policy.reconnect.maxRetries)
      expect(h.client.getSnapshot(url, policy)).toMatchObject({
        status: 'closed',
        readyState: 2,
        error: { kind: 'connection', status: code },
      })
      // Between tries: our backoff, with the browser's own instance given up (readyState CLOSED).
      expect(states).toContainEqual(
        expect.objectContaining({ status: 'reconnecting', readyState: 2, error: expect.objectContaining({ status: code }) }),
      )
      expect(states.some((state) => state.status === 'open')).toBe(false)
      expect(delivered).toEqual([])
    },
  )

  it.each(['application/json', 'text/x-bogus'])(
    'Content-Type %s: fails like an HTTP error (no event parsed from the body), retried by the policy',
    async (type) => {
      const url = `${h.server.url}/content-type?type=${encodeURIComponent(type)}`
      const delivered: string[] = []
      h.track(h.client.subscribe(url, 'message', (data: string) => delivered.push(data), { ...policy, parse: text }))

      await vi.waitFor(() => expect(h.client.getSnapshot(url, policy).status).toBe('closed'), WAIT)

      expect(h.server.requestsTo('/content-type')).toHaveLength(1 + policy.reconnect.maxRetries)
      const { error } = h.client.getSnapshot(url, policy)
      expect(error?.kind).toBe('connection')
      expect(error?.message).toMatch(/content type/i)
      expect(delivered).toEqual([])
    },
  )

  it('HTTP 204 means "stop": closed at once, never retried (learned from the eventsource package`s `code`)', async () => {
    const url = `${h.server.url}/status?code=204`
    const states = h.recordStates(url, policy)

    await vi.waitFor(() => expect(h.client.getSnapshot(url, policy).status).toBe('closed'), WAIT)

    expect(h.client.getSnapshot(url, policy).error).toMatchObject({ kind: 'connection', status: 204 })
    expect(states.map((state) => state.status)).not.toContain('reconnecting')
    expect(h.server.requestsTo('/status')).toHaveLength(1)
  })

  it('reconnect: false reports the failure and does not retry', async () => {
    const options = { ...fast, reconnect: false } satisfies SSEOptions
    const url = `${h.server.url}/status?code=503`
    const states = h.recordStates(url, options)

    await vi.waitFor(() => expect(h.client.getSnapshot(url, options).status).toBe('closed'), WAIT)

    expect(h.client.getSnapshot(url, options).error).toMatchObject({ kind: 'connection', status: 503 })
    expect(states.map((state) => state.status)).not.toContain('reconnecting')
    expect(h.server.requestsTo('/status')).toHaveLength(1)
  })

  it('through the hooks: status and error of a failing stream, and reconnect() grants a fresh budget', async () => {
    const url = `${h.server.url}/status?code=503`
    const seen: string[] = []
    let reconnectNow = () => {}
    function Status() {
      const { status, readyState, error, reconnect } = useEventSource()
      reconnectNow = reconnect
      const line = `${status}/${readyState}/${error?.status ?? '-'}`
      if (seen.at(-1) !== line) seen.push(line)
      return <p>{line}</p>
    }
    const view = render(
      <SSEProvider url={url} client={h.client} {...policy}>
        <Status />
      </SSEProvider>,
    )

    await vi.waitFor(() => expect(view.getByText('closed/2/503')).toBeTruthy(), WAIT)
    expect(seen).toContain('reconnecting/2/503')
    expect(h.server.requestsTo('/status')).toHaveLength(3)

    reconnectNow()
    await vi.waitFor(() => expect(h.server.requestsTo('/status')).toHaveLength(6), WAIT)
    await vi.waitFor(() => expect(view.getByText('closed/2/503')).toBeTruthy(), WAIT)
    view.unmount()
  })
})

describe('scenario 3: a server that answers 200 and hangs up at once, forever', () => {
  it('does not storm: the client backs off, says so, and gives up after its budget', async () => {
    // `retry: 1` asks the browser to come back after 1 ms: without backoff, thousands of requests.
    const url = `${h.server.url}/hangup?retry=1`
    const options = { ...fast, reconnect: { initialDelay: 20, maxDelay: 80, maxRetries: 3 } } satisfies SSEOptions
    const states = h.recordStates(url, options)

    await vi.waitFor(() => expect(h.client.getSnapshot(url, options).status).toBe('closed'), WAIT)

    const requests = h.server.requestsTo('/hangup')
    // A few fast retries by the browser itself, then one request per attempt of our budget.
    expect(requests.length).toBeGreaterThan(options.reconnect.maxRetries)
    expect(requests.length).toBeLessThanOrEqual(3 + options.reconnect.maxRetries)
    expect(h.client.getSnapshot(url, options).error?.kind).toBe('connection')
    // While backing off, the snapshot shows our retry (reconnecting, the browser's instance closed), not "open".
    expect(states).toContainEqual(expect.objectContaining({ status: 'reconnecting', readyState: 2 }))
    expect(states.at(-1)).toMatchObject({ status: 'closed', readyState: 2 })
  })
})
