import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildPage } from './build'

/** One request to `/events`, as the server saw it. */
export interface StreamConnection {
  readonly url: string
  /** The resume point it asked for: the Last-Event-ID header, else the `lastEventId` query parameter. */
  readonly lastEventId: string | undefined
  readonly lastEventIdHeader: string | undefined
  readonly authorization: string | undefined
  readonly status: number
  readonly at: number
  closedAt: number | undefined
}

export interface TabsServer {
  readonly url: string
  readonly connections: StreamConnection[]
  /** Streams open now. */
  open(): StreamConnection[]
  /** Appends an event to the log (ids count from 1) and sends it to every open stream. */
  emit(type: string, data: unknown): number
  /** Answers every new stream with `status` (and its headers), and ends the open ones; `undefined` serves again. */
  refuse(status: number | undefined, headers?: Record<string, string>): void
  close(): Promise<void>
}

/**
 * A real SSE server on 127.0.0.1 for the cross-tab browser tests: it serves the test page and one
 * stream endpoint that resumes from the last event id (header or query parameter), sends every
 * event of its log to every open stream, and records each connection.
 */
export async function startTabsServer(): Promise<TabsServer> {
  const page = await buildPage()
  const log: { id: number; type: string; data: string }[] = []
  const connections: StreamConnection[] = []
  const streams = new Map<ServerResponse, StreamConnection>()
  let refusal: { status: number; headers: Record<string, string> } | undefined

  const write = (response: ServerResponse, { id, type, data }: (typeof log)[number]) =>
    response.write(`id: ${id}\nevent: ${type}\ndata: ${data}\n\n`)

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' })
      return response.end('<!doctype html><meta charset="utf-8"><title>tabs</title><script type="module" src="/page.js"></script>')
    }
    if (url.pathname === '/page.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' })
      return response.end(page)
    }
    if (url.pathname !== '/events') {
      response.writeHead(404)
      return response.end()
    }
    const header = request.headers['last-event-id']
    const lastEventIdHeader = Array.isArray(header) ? header[0] : header
    const lastEventId = lastEventIdHeader ?? url.searchParams.get('lastEventId') ?? undefined
    const connection: StreamConnection = {
      url: url.href,
      lastEventId,
      lastEventIdHeader,
      authorization: request.headers.authorization,
      status: refusal?.status ?? 200,
      at: Date.now(),
      closedAt: undefined,
    }
    connections.push(connection)
    response.on('close', () => {
      connection.closedAt = Date.now()
      streams.delete(response)
    })
    if (refusal) {
      response.writeHead(refusal.status, refusal.headers)
      return response.end()
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
    response.write(': hello\n\n')
    const after = Number(lastEventId ?? 0)
    for (const event of log) if (event.id > after) write(response, event)
    streams.set(response, connection)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    open: () => connections.filter((connection) => connection.status === 200 && connection.closedAt === undefined),
    emit(type, data) {
      const event = { id: log.length + 1, type, data: JSON.stringify(data) }
      log.push(event)
      for (const response of streams.keys()) write(response, event)
      return event.id
    },
    refuse(status, headers = {}) {
      refusal = status === undefined ? undefined : { status, headers }
      if (!refusal) return
      for (const response of streams.keys()) response.end()
    },
    async close() {
      for (const response of streams.keys()) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
