import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createParser } from 'eventsource-parser'
import type { MockEventSourceControl } from '../../src/testing/mock-event-source'
import type { MockTransportControl } from '../../src/testing/mock-transport'

/** One connection as the server side of a contract test drives it. */
export interface ServerConnection {
  /** The resume point the client sent (header or query parameter), if any. */
  readonly lastEventId: string | undefined
  /** Answers 200 with an event stream. */
  accept(): void
  /** Answers `status` (with `Retry-After` in seconds, if given) and no stream. */
  refuse(status: number, retryAfterSeconds?: number): void
  /** Raw SSE text on an accepted stream. */
  send(text: string): void
  /** The server hangs up. */
  end(): void
  /** Whether the client has ended the request. */
  closedByClient(): boolean
}

/** Where a transport under test connects, and the connections it made, in order. */
export interface ContractServer {
  readonly url: string
  next(): Promise<ServerConnection>
  close(): Promise<void>
}

const until = async <T>(take: () => T | undefined, what: string): Promise<T> => {
  for (let tries = 0; tries < 1000; tries++) {
    const value = take()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** A real SSE server on 127.0.0.1, for transports that speak HTTP. */
export async function httpServer(): Promise<ContractServer> {
  const waiting: ServerConnection[] = []
  const open = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const header = request.headers['last-event-id']
    let closed = false
    response.on('close', () => {
      closed = true
      open.delete(response)
    })
    open.add(response)
    waiting.push({
      lastEventId: (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId') ?? undefined,
      accept() {
        response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
        response.flushHeaders()
      },
      refuse(status, retryAfter) {
        response.writeHead(status, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) })
        response.end()
      },
      send: (text) => void response.write(text),
      end: () => void response.end(),
      closedByClient: () => closed,
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/events`,
    next: () => until(() => waiting.shift(), 'a connection'),
    async close() {
      for (const response of open) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Feeds raw SSE text to a mock, block by block, as a server's bytes would arrive. */
function feed(text: string, on: { event(type: string, data: string, id: string | undefined): void; id(id: string): void }) {
  let pendingId: string | undefined
  const parser = createParser({
    onId: (id) => (pendingId = id),
    onEvent({ event, data, id }) {
      pendingId = undefined
      on.event(event ?? 'message', data, id)
    },
  })
  for (const block of text.split(/(?<=\n\n)/)) {
    parser.feed(block)
    if (pendingId !== undefined) on.id(pendingId)
    pendingId = undefined
  }
}

/** The mock EventSource driven as a server would be: what a browser's EventSource can tell, and no more. */
export function mockEventSourceServer(mock: MockEventSourceControl): ContractServer {
  let taken = 0
  return {
    url: 'http://127.0.0.1:1/events',
    async next() {
      const source = await until(() => mock.instances[taken], 'an EventSource')
      taken++
      return {
        lastEventId: new URL(source.url).searchParams.get('lastEventId') ?? undefined,
        accept: () => source.open(),
        refuse: (status) => source.error({ fatal: true, status }),
        send: (text) =>
          feed(text, {
            event: (type, data, id) => void source.emit(type, data, id === undefined ? {} : { id }),
            // An EventSource reports nothing for an id-only block; its next event carries the id.
            id: (id) => void (source.lastEventId = id),
          }),
        end: () => source.error('transient'),
        closedByClient: () => source.closeCalls > 0,
      }
    },
    close: async () => {},
  }
}

/** The mock transport driven as a server would be. */
export function mockTransportServer(mock: MockTransportControl): ContractServer {
  let taken = 0
  return {
    url: 'http://127.0.0.1:1/events',
    async next() {
      const connection = await until(() => mock.connections[taken], 'a connection')
      taken++
      return {
        lastEventId: connection.request.lastEventId || undefined,
        accept: () => connection.open(),
        refuse: (status, retryAfter) =>
          connection.fail({ fatal: true, status, retryAfter: retryAfter === undefined ? undefined : retryAfter * 1000 }),
        send: (text) =>
          feed(text, {
            event: (type, data, id) => void connection.emit(type, data, id === undefined ? {} : { id }),
            id: (id) => connection.id(id),
          }),
        end: () => connection.fail('transient'),
        closedByClient: () => connection.closed,
      }
    },
    close: async () => {},
  }
}
