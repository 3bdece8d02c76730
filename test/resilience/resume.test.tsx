// @vitest-environment jsdom
import { render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { SSEProvider, useEventSource, useSSEEvent, type SSEError, type SSEOptions } from '../../src/index'
import type { RecordedRequest } from '../fixtures/fault-server'
import { fast, setupHarness, WAIT } from './harness'

const h = setupHarness()

type Numbered = { n: number }
const upTo = (last: number) => Array.from({ length: last }, (_, i) => i + 1)

/** Subscribes to the numbered `/resume` events; returns the numbers and payload errors as they arrive. */
function collect(url: string, options: SSEOptions = fast) {
  const ids: number[] = []
  const errors: SSEError[] = []
  h.track(
    h.client.subscribe(url, 'message', (data: Numbered) => ids.push(data.n), {
      ...options,
      onError: (error) => errors.push(error),
    }),
  )
  return { ids, errors }
}

const successful = (requests: RecordedRequest[]) => requests.filter((request) => request.status === 200)

describe('scenario 2: the server ends the stream after every 3 events, 20 times in a row', () => {
  it("every reconnect resumes from the last id (the browser's Last-Event-ID, then ours once it flaps): every id once, in order", async () => {
    const url = `${h.server.url}/resume?stream=restarts&batch=3&total=63&retry=5&end=close`
    const { ids, errors } = collect(url)

    await vi.waitFor(() => expect(ids).toHaveLength(63), WAIT)

    expect(ids).toEqual(upTo(63))
    expect(errors).toEqual([])
    const requests = h.server.requestsTo('/resume', 'restarts')
    expect(requests).toHaveLength(21) // the first connection and 20 restarts
    expect(requests.map((request) => request.resumeFrom)).toEqual([0, ...upTo(20).map((k) => 3 * k)])
    // The browser's own reconnects come first, with the header; a server that hangs up and is back
    // within 5 ms each time is flapping, so after a few our backoff opens new instances, with the query.
    expect(requests[1]?.lastEventIdHeader).toBe('3')
    expect(requests.at(-1)?.query.lastEventId).toBe('60')
    expect(h.client.getSnapshot(url, fast)).toMatchObject({ status: 'open', lastEventId: '63' })
  })

  it('with a 503 on every third request, our new instances resume with ?lastEventId=: still no gap, no duplicate', async () => {
    const failAt = upTo(20).map((k) => 3 * k)
    const url = `${h.server.url}/resume?stream=mixed&batch=3&total=63&retry=5&end=close&failAt=${failAt.join(',')}`
    const { ids, errors } = collect(url)

    await vi.waitFor(() => expect(ids).toHaveLength(63), WAIT)

    expect(ids).toEqual(upTo(63))
    expect(errors).toEqual([])
    const served = successful(h.server.requestsTo('/resume', 'mixed'))
    expect(served.map((request) => request.resumeFrom)).toEqual([0, ...upTo(20).map((k) => 3 * k)])
    // After each 503 the browser has given up; our new EventSource carries the id in the query.
    const fromQuery = served.filter((request) => request.lastEventIdHeader === undefined && request.query.lastEventId)
    expect(fromQuery.length).toBeGreaterThanOrEqual(9)
    for (const request of fromQuery) expect(request.query.lastEventId).toBe(String(request.resumeFrom))
    // That instance's own later reconnects send the newer header next to the stale query: the header wins.
    const both = served.filter((request) => request.lastEventIdHeader && request.query.lastEventId)
    expect(both.length).toBeGreaterThan(0)
    for (const request of both) {
      expect(Number(request.lastEventIdHeader)).toBeGreaterThan(Number(request.query.lastEventId))
    }
    expect(h.client.getSnapshot(url, fast)).toMatchObject({ status: 'open', lastEventId: '63' })
  })
})

describe('scenario 5: the socket is destroyed in the middle of an event', () => {
  it.each([
    ['event', 'after its id and data lines, before the blank line'],
    ['line', 'in the middle of its data line'],
  ])('cut=%s (%s): the partial event is dropped and its id not committed', async (cut) => {
    const url = `${h.server.url}/resume?stream=cut-${cut}&batch=2&retry=20&cut=${cut}`
    const { ids, errors } = collect(url)

    await vi.waitFor(() => expect(ids).toEqual([1, 2, 3, 4]), WAIT)

    expect(errors).toEqual([])
    const [first, second] = h.server.requestsTo('/resume', `cut-${cut}`)
    expect(first?.closedAt).toBeDefined()
    // The browser's reconnect resumes after 2, the last complete event, not after the cut 3.
    expect(second?.lastEventIdHeader).toBe('2')
    expect(h.client.getSnapshot(url, fast).lastEventId).toBe('4')
  })

  it('when the reconnect is then refused, our new instance resumes from the last complete event too', async () => {
    const url = `${h.server.url}/resume?stream=cut-fail&batch=2&retry=20&cut=event&failAt=2`
    const { ids, errors } = collect(url)

    await vi.waitFor(() => expect(ids).toEqual([1, 2, 3, 4]), WAIT)

    expect(errors).toEqual([])
    const requests = h.server.requestsTo('/resume', 'cut-fail')
    expect(requests.map((request) => request.status)).toEqual([200, 503, 200])
    expect(requests[2]?.query.lastEventId).toBe('2')
    expect(requests[2]?.lastEventIdHeader).toBeUndefined()
  })
})

describe('scenario 11: offline, online, and the page being hidden', () => {
  it('offline closes the stream and reports reconnecting; online resumes with the last id (through the hooks)', async () => {
    const url = `${h.server.url}/resume?stream=network&batch=2`
    const ids: number[] = []
    const statuses: string[] = []
    function Feed() {
      const { status, readyState } = useEventSource()
      useSSEEvent('message', (data: Numbered) => ids.push(data.n))
      const line = `${status}/${readyState}`
      if (statuses.at(-1) !== line) statuses.push(line)
      return <p>{line}</p>
    }
    const view = render(
      <SSEProvider url={url} client={h.client} {...fast}>
        <Feed />
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(ids).toEqual([1, 2]), WAIT)
    await vi.waitFor(() => expect(view.getByText('open/1')).toBeTruthy(), WAIT)

    window.dispatchEvent(new Event('offline'))
    await vi.waitFor(() => expect(view.getByText('reconnecting/2')).toBeTruthy(), WAIT)
    expect(h.client.getSnapshot(url, fast).error?.message).toMatch(/offline/)
    await vi.waitFor(() => expect(h.server.requestsTo('/resume', 'network')[0]?.closedAt).toBeDefined(), WAIT)
    expect(h.server.requestsTo('/resume', 'network')).toHaveLength(1)

    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(ids).toEqual([1, 2, 3, 4]), WAIT)
    await vi.waitFor(() => expect(view.getByText('open/1')).toBeTruthy(), WAIT)

    const requests = h.server.requestsTo('/resume', 'network')
    expect(requests).toHaveLength(2)
    expect(requests[1]?.query.lastEventId).toBe('2')
    expect(statuses).toEqual(['connecting/0', 'open/1', 'reconnecting/2', 'reconnecting/0', 'open/1'])
    view.unmount()
  })

  const setVisibility = (state: DocumentVisibilityState) => {
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state)
    document.dispatchEvent(new Event('visibilitychange'))
  }

  it('by default a hidden page keeps its stream', async () => {
    const url = `${h.server.url}/resume?stream=visible-default&batch=2`
    const { ids } = collect(url)
    await vi.waitFor(() => expect(ids).toEqual([1, 2]), WAIT)

    setVisibility('hidden')
    const [request] = h.server.requestsTo('/resume', 'visible-default')
    if (!request) throw new Error('no request')
    h.server.send(request, 'id: 3\ndata: {"n":3}\n\n')

    await vi.waitFor(() => expect(ids).toEqual([1, 2, 3]), WAIT)
    expect(request.closedAt).toBeUndefined()
    expect(h.client.getSnapshot(url, fast).status).toBe('open')
  })

  it('pauseWhenHidden closes the stream while hidden and resumes with the last id when visible', async () => {
    const options = { ...fast, pauseWhenHidden: true } satisfies SSEOptions
    const url = `${h.server.url}/resume?stream=visible-pause&batch=2`
    const { ids } = collect(url, options)
    await vi.waitFor(() => expect(ids).toEqual([1, 2]), WAIT)

    setVisibility('hidden')
    expect(h.client.getSnapshot(url, options)).toMatchObject({ status: 'closed', readyState: 2, error: null })
    await vi.waitFor(() => expect(h.server.requestsTo('/resume', 'visible-pause')[0]?.closedAt).toBeDefined(), WAIT)

    setVisibility('visible')
    await vi.waitFor(() => expect(ids).toEqual([1, 2, 3, 4]), WAIT)
    const requests = h.server.requestsTo('/resume', 'visible-pause')
    expect(requests).toHaveLength(2)
    expect(requests[1]?.query.lastEventId).toBe('2')
    expect(h.client.getSnapshot(url, options).status).toBe('open')
  })

  it('pauseWhenHidden: a stream first subscribed in a hidden page waits until the page is visible', async () => {
    const options = { ...fast, pauseWhenHidden: true } satisfies SSEOptions
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    const url = `${h.server.url}/resume?stream=born-hidden&batch=2`
    const { ids } = collect(url, options)
    // A stream that is open elsewhere proves the client had its chance to connect.
    const probe = `${h.server.url}/hold`
    h.recordStates(probe, fast)
    await vi.waitFor(() => expect(h.client.getSnapshot(probe, fast).status).toBe('open'), WAIT)
    expect(h.server.requestsTo('/resume', 'born-hidden')).toHaveLength(0)
    expect(h.client.getSnapshot(url, options).status).toBe('closed')

    setVisibility('visible')
    await vi.waitFor(() => expect(ids).toEqual([1, 2]), WAIT)
    expect(h.server.requestsTo('/resume', 'born-hidden')).toHaveLength(1)
  })
})
