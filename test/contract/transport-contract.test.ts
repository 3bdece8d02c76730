// @vitest-environment node
// The transport contract: one table of behaviours every transport shows, run over every transport
// sse-hooks ships. A new transport gets a row in `subjects` (see docs/transports.md).
import { EventSource } from 'eventsource'
import { afterEach, describe, expect, it } from 'vitest'
import type { Transport, TransportConnection, TransportRequest } from '../../src/core/transport'
import type { EventSourceConstructor } from '../../src/core/types'
import { crossTab } from '../../src/cross-tab/index'
import { fetchTransport } from '../../src/fetch/index'
import { createMockEventSource, createMockTransport } from '../../src/testing/index'
import { eventSource } from '../../src/transports/event-source'
import { createFakeBrowser } from '../cross-tab/fake-browser'
import { recordingSink, type Recording } from '../fetch/sink'
import { httpServer, mockEventSourceServer, mockTransportServer, type ContractServer } from './drivers'

/** What a transport can see, and so must report: a browser's EventSource sees no status and no Retry-After. */
interface Sees {
  readonly status: boolean
  readonly retryAfter: boolean
  /** An `id:` block with no data, reported when it arrives (every transport moves the resume point). */
  readonly idOnly: boolean
  /** After a drop it reconnects by itself, on a request the server sees (a mock has no server to ask). */
  readonly reconnects: boolean
}

interface Subject {
  readonly name: string
  make(): Promise<{ transport: Transport; server: ContractServer; sees: Sees }>
}

const subjects: Subject[] = [
  {
    name: 'eventSource() with the mock EventSource',
    async make() {
      const mock = createMockEventSource()
      return {
        transport: eventSource(mock.EventSource),
        server: mockEventSourceServer(mock),
        sees: { status: true, retryAfter: false, idOnly: false, reconnects: false },
      }
    },
  },
  {
    name: 'eventSource() with the eventsource package, on a real server',
    async make() {
      const server = await httpServer()
      return {
        transport: eventSource(EventSource as EventSourceConstructor),
        server,
        sees: { status: true, retryAfter: false, idOnly: false, reconnects: true },
      }
    },
  },
  {
    name: 'fetchTransport, on a real server',
    async make() {
      return {
        transport: fetchTransport(),
        server: await httpServer(),
        sees: { status: true, retryAfter: true, idOnly: true, reconnects: true },
      }
    },
  },
  {
    name: 'createMockTransport',
    async make() {
      const mock = createMockTransport()
      return {
        transport: mock.transport,
        server: mockTransportServer(mock),
        sees: { status: true, retryAfter: true, idOnly: true, reconnects: false },
      }
    },
  },
  {
    name: 'crossTab(fetchTransport), the only tab, on a real server',
    async make() {
      const tab = createFakeBrowser().tab()
      const transport = crossTab(fetchTransport(), { locks: tab.locks, BroadcastChannel: tab.BroadcastChannel, tab: tab.lifecycle })
      return { transport, server: await httpServer(), sees: { status: true, retryAfter: true, idOnly: true, reconnects: true } }
    },
  },
]

/** Resolves once `check` holds, polling. */
async function until(check: () => boolean, what: string) {
  for (let tries = 0; tries < 1000; tries++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe.each(subjects)('the transport contract: $name', (subject) => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function connect(request: Partial<TransportRequest> = {}) {
    const { transport, server, sees } = await subject.make()
    cleanups.push(() => server.close())
    const recording: Recording = recordingSink()
    const open = (more: Partial<TransportRequest> = {}) => {
      const connection: TransportConnection = transport.open(
        { url: server.url, lastEventId: '', withCredentials: false, types: ['tick'], options: {}, ...request, ...more },
        recording.sink,
      )
      cleanups.push(() => connection.close())
      return connection
    }
    const connection = open()
    return { connection, open, recording, server, sees, first: await server.next() }
  }

  it('reports open once the server answers, then every event in order, with its type, data and id', async () => {
    const { recording, first } = await connect()
    first.accept()
    await until(() => recording.opens() === 1, 'open')
    first.send('id: 1\nevent: tick\ndata: {"n":1}\n\nevent: tick\ndata: two\ndata: lines\n\nid: 3\nevent: tick\ndata: 3\n\n')
    await until(() => recording.events().length === 3, 'three events')
    expect(recording.events()).toEqual([
      { type: 'tick', data: '{"n":1}', lastEventId: '1' },
      { type: 'tick', data: 'two\nlines', lastEventId: '1' },
      { type: 'tick', data: '3', lastEventId: '3' },
    ])
  })

  it('an id with no data moves the resume point', async () => {
    const { recording, first, sees } = await connect()
    first.accept()
    first.send('id: 7\n\n')
    if (sees.idOnly) await until(() => recording.calls.some((call) => call.call === 'id'), 'the id')
    first.send('event: tick\ndata: after\n\n')
    await until(() => recording.events().length === 1, 'the event')
    expect(recording.events()[0]?.lastEventId).toBe('7')
    if (sees.idOnly) expect(recording.calls.filter((call) => call.call === 'id')).toEqual([{ call: 'id', id: '7' }])
  })

  it('hears a type asked for while opening, and one asked for while open', async () => {
    const { connection, recording, first } = await connect()
    connection.listen?.('early', true)
    first.accept()
    await until(() => recording.opens() === 1, 'open')
    connection.listen?.('late', true)
    first.send('event: early\ndata: 1\n\nevent: late\ndata: 2\n\nevent: tick\ndata: 3\n\n')
    await until(() => recording.events().length === 3, 'three events')
    expect(recording.events().map((event) => event.type)).toEqual(['early', 'late', 'tick'])
  })

  it('close() ends the request for the server, and nothing is reported after it', async () => {
    const { connection, recording, first } = await connect()
    first.accept()
    await until(() => recording.opens() === 1, 'open')
    const before = recording.calls.length
    connection.close()
    first.send('event: tick\ndata: late\n\n')
    await until(() => first.closedByClient(), 'the server to see the request end')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(recording.calls.slice(before)).toEqual([])
  })

  it('a refusal before open is a failure that gives up, with its status and Retry-After where the transport sees them', async () => {
    const { recording, first, sees } = await connect()
    first.refuse(503, 2)
    await until(() => recording.errors().length === 1, 'the failure')
    const [failure] = recording.errors()
    expect(failure?.fatal).toBe(true)
    if (sees.status) expect(failure?.status).toBe(503)
    if (sees.retryAfter) expect(failure?.retryAfter).toBe(2000)
    expect(recording.opens()).toBe(0)
  })

  it('a drop after open is reported, and the next request resumes from the last id', async () => {
    const { connection, open, recording, first, server, sees } = await connect()
    first.accept()
    first.send('retry: 10\nid: 5\nevent: tick\ndata: 5\n\n')
    await until(() => recording.events().length === 1, 'the event')
    first.end()
    await until(() => recording.errors().length === 1, 'the drop')
    const [failure] = recording.errors()
    if (!failure?.fatal && !sees.reconnects) return
    // A transport that retries by itself resumes on its own; otherwise the stream opens a new one.
    if (failure?.fatal) {
      connection.close()
      open({ lastEventId: '5' })
    }
    const second = await server.next()
    expect(second.lastEventId).toBe('5')
  })
})
