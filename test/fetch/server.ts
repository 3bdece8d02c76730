/**
 * A scriptable SSE server for the fetch transport's tests: node:http on 127.0.0.1, an ephemeral
 * port. Every request is recorded with its method, headers, body, arrival and socket close;
 * each test says how to answer with `respond`.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface Hit {
  /** 1-based over the server's life. */
  readonly seq: number
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  /** The Last-Event-ID header decoded as UTF-8 (Node reads header bytes as Latin-1). */
  readonly lastEventId: string | undefined
  readonly body: string
  readonly at: number
  /** `performance.now()` when the socket of this request closed, from either side. */
  closedAt: number | undefined
  readonly response: ServerResponse
}

export type Responder = (hit: Hit) => void

export interface TestServer {
  readonly url: string
  readonly hits: readonly Hit[]
  /** How to answer the following requests (default: an open stream that sends nothing). */
  respond(responder: Responder): void
  close(): Promise<void>
}

/** Starts an event stream: 200, text/event-stream, headers flushed, then `text` if given. */
export const stream = (hit: Hit, text = ''): void => {
  hit.response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
  hit.response.flushHeaders()
  if (text) hit.response.write(text)
}

export async function startServer(): Promise<TestServer> {
  const hits: Hit[] = []
  let responder: Responder = (hit) => stream(hit)
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const header = request.headers['last-event-id']
      const hit: Hit = {
        seq: hits.length + 1,
        method: request.method ?? '',
        path: request.url ?? '/',
        headers: request.headers,
        lastEventId: typeof header === 'string' ? Buffer.from(header, 'latin1').toString('utf8') : undefined,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
        closedAt: undefined,
        response,
      }
      hits.push(hit)
      response.on('close', () => (hit.closedAt = performance.now()))
      responder(hit)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    respond: (next) => void (responder = next),
    close() {
      for (const hit of hits) hit.response.destroy()
      server.closeAllConnections()
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}
