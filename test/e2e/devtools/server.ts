import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { bundlePage } from '../cross-tab/build'

export interface DevtoolsServer {
  readonly url: string
  /** Stream requests received, with the resume point each asked for. */
  readonly requests: { path: string; lastEventId: string | undefined }[]
  /** Sends `count` `tick` events (ids count from 1) to every open stream, each `pad` characters longer. */
  emit(count?: number, pad?: number): number
  /** Stops listening and cuts every connection: the page sees the server gone. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  restart(): Promise<void>
  close(): Promise<void>
}

/** A real SSE server on 127.0.0.1 for the devtools test: the page, `/events` and `/fetch-events`, both resuming from Last-Event-ID. */
export async function startDevtoolsServer(): Promise<DevtoolsServer> {
  const page = await bundlePage(fileURLToPath(new URL('./page.tsx', import.meta.url)))
  const streams = new Set<ServerResponse>()
  const sockets = new Set<Socket>()
  const requests: DevtoolsServer['requests'] = []
  let last = 0
  let padding = ''
  const tick = (id: number) => `id: ${id}\nevent: tick\ndata: {"n":${id}${padding}}\n\n`

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' })
      return response.end(
        '<!doctype html><meta charset="utf-8"><title>devtools</title><div id="root"></div><script type="module" src="/page.js"></script>',
      )
    }
    if (path === '/page.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' })
      return response.end(page)
    }
    if (path !== '/events' && path !== '/fetch-events') {
      response.writeHead(404)
      return response.end()
    }
    const header = request.headers['last-event-id']
    const lastEventId = Array.isArray(header) ? header[0] : header
    requests.push({ path, lastEventId })
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
    response.write('retry: 500\n\n')
    for (let id = Number(lastEventId ?? last) + 1; id <= last; id++) response.write(tick(id))
    streams.add(response)
    response.on('close', () => streams.delete(response))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
    })
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    emit(count = 1, pad = 0) {
      padding = pad ? `,"pad":"${'x'.repeat(pad)}"` : ''
      const chunks: string[] = []
      for (let i = 0; i < count; i++) chunks.push(tick(++last))
      const text = chunks.join('')
      for (const response of streams) response.write(text)
      return last
    },
    stop,
    restart: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => (server.listening ? stop() : Promise.resolve()),
  }
}
