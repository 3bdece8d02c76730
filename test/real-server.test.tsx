import { act, render } from '@testing-library/react'
import { EventSource } from 'eventsource'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../src/index'

/** A small real SSE server: numbered `tick` events, resumable from Last-Event-ID. */
function startServer() {
  const log: { id: number; data: string }[] = []
  const streams = new Set<ServerResponse>()
  const requests: { lastEventIdHeader: string | undefined; lastEventIdParam: string | null }[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const header = request.headers['last-event-id']
    requests.push({
      lastEventIdHeader: typeof header === 'string' ? header : undefined,
      lastEventIdParam: url.searchParams.get('lastEventId'),
    })
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    response.write('retry: 20\n\n')
    const resumeFrom = Number(header ?? url.searchParams.get('lastEventId') ?? 0)
    for (const event of log) if (event.id > resumeFrom) write(response, event)
    streams.add(response)
    request.on('close', () => streams.delete(response))
  })
  const write = (response: ServerResponse, event: { id: number; data: string }) =>
    response.write(`id: ${event.id}\nevent: tick\ndata: ${event.data}\n\n`)
  return new Promise<{
    url: string
    requests: typeof requests
    openStreams: () => number
    publish: (payload: unknown) => void
    endStreams: () => void
    close: () => Promise<void>
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}/events`,
        requests,
        openStreams: () => streams.size,
        publish(payload) {
          const event = { id: log.length + 1, data: JSON.stringify(payload) }
          log.push(event)
          for (const response of streams) write(response, event)
        },
        endStreams() {
          for (const response of streams) response.end()
          streams.clear()
        },
        close: () =>
          new Promise((done) => {
            for (const response of streams) response.destroy()
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

let server: Awaited<ReturnType<typeof startServer>>
beforeEach(async () => {
  server = await startServer()
})
afterEach(async () => {
  await server.close()
})

describe('against a real SSE server', () => {
  it('opens one connection for 20 components and delivers named JSON events end to end', async () => {
    const client = new SSEClient({ EventSource })
    const seen: number[] = []
    function Tick({ index }: { index: number }) {
      const { data } = useSSEEvent<{ n: number }>('tick')
      useSSEEvent<{ n: number }>('tick', (tick) => {
        if (index === 0) seen.push(tick.n)
      })
      return <li>{data?.n ?? '-'}</li>
    }
    function Status() {
      return <p>{useEventSource().status}</p>
    }
    const view = render(
      <SSEProvider url={server.url} client={client}>
        <Status />
        <ul>
          {Array.from({ length: 20 }, (_, index) => (
            <Tick key={index} index={index} />
          ))}
        </ul>
      </SSEProvider>,
    )
    await vi.waitFor(() => expect(view.getByText('open')).toBeTruthy())
    expect(server.requests).toHaveLength(1)
    expect(server.openStreams()).toBe(1)

    act(() => {
      server.publish({ n: 1 })
      server.publish({ n: 2 })
    })
    await vi.waitFor(() => expect(view.getAllByText('2')).toHaveLength(20))
    expect(seen).toEqual([1, 2])
    view.unmount()
    await vi.waitFor(() => expect(server.openStreams()).toBe(0))
  })

  it("hands a listener the event's fields as a plain object, which logs and posts to a worker as it is", async () => {
    const client = new SSEClient({ EventSource })
    const events: unknown[] = []
    const stop = client.stream(server.url).subscribe('tick', (_data, event) => events.push(event))
    onTestFinished(stop)
    await vi.waitFor(() => expect(server.openStreams()).toBe(1))
    server.publish({ n: 1 })
    await vi.waitFor(() => expect(events).toHaveLength(1))
    const fields = { type: 'tick', data: '{"n":1}', lastEventId: '1' }
    expect(JSON.parse(JSON.stringify(events[0]))).toEqual(fields)
    expect(structuredClone(events[0])).toEqual(fields)
  })

  it('resumes with Last-Event-ID when the server ends the stream: nothing lost, nothing twice', async () => {
    const client = new SSEClient({ EventSource })
    const seen: number[] = []
    const unsubscribe = client.subscribe<'tick', { n: number }>(server.url, 'tick', (tick) => seen.push(tick.n))
    await vi.waitFor(() => expect(client.getSnapshot(server.url).status).toBe('open'))
    for (let n = 1; n <= 3; n++) server.publish({ n })
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]))

    server.endStreams()
    for (let n = 4; n <= 6; n++) server.publish({ n }) // published while nobody is connected
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3, 4, 5, 6]))
    expect(server.requests.at(-1)?.lastEventIdHeader).toBe('3')
    expect(client.getSnapshot(server.url)).toMatchObject({ status: 'open', lastEventId: '6' })

    server.publish({ n: 7 })
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]))
    unsubscribe()
  })
})
