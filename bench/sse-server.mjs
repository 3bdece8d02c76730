// The local SSE server of the fan-out bench. It runs in its own process (forked with IPC) so that
// process.cpuUsage() in the bench process counts the client's work only, not the server's writes.
// Messages from the parent: { type: 'burst', path, from, count } writes `count` events to every
// client of `path` and answers { type: 'sent' }; { type: 'close' } ends every stream and exits.
import { createServer } from 'node:http'

/** path → open responses */
const streams = new Map()

const payload = (seq) =>
  JSON.stringify({ seq, room: 'general', user: { id: 42, name: 'Ada' }, text: 'hello from the bench', at: 1700000000000 + seq })

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  })
  response.write(':ok\n\n')
  let clients = streams.get(path)
  if (!clients) streams.set(path, (clients = new Set()))
  clients.add(response)
  request.on('close', () => clients.delete(response))
})

process.on('message', (message) => {
  if (message.type === 'burst') {
    let text = ''
    for (let seq = message.from; seq < message.from + message.count; seq++) {
      text += `event: tick\nid: ${seq}\ndata: ${payload(seq)}\n\n`
    }
    for (const response of streams.get(message.path) ?? []) response.write(text)
    process.send({ type: 'sent' })
  } else if (message.type === 'clients') {
    process.send({ type: 'clients', count: streams.get(message.path)?.size ?? 0 })
  } else if (message.type === 'close') {
    for (const clients of streams.values()) for (const response of clients) response.end()
    server.closeAllConnections()
    server.close(() => process.exit(0))
  }
})

process.on('disconnect', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
