// @vitest-environment node
import { EventSource } from 'eventsource'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { SSEClient, type SSEReconnectInfo } from '../../src/index'

/** A real SSE server that numbers its events from 1 after every start: a restart loses its history. */
function listen(port = 0): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream' })
    response.write('retry: 50\nid: 1\nevent: tick\ndata: 1\n\n')
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}
const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

let running: Server | undefined
afterEach(async () => {
  if (running) await stop(running)
  running = undefined
})

it('hears a real server restart once, with the id it resumed from and how long it was down', async () => {
  running = await listen()
  const { port } = running.address() as AddressInfo
  const heard: SSEReconnectInfo[] = []
  let recovered = () => {}
  const recovery = new Promise<void>((resolve) => {
    recovered = resolve
  })
  const client = new SSEClient({
    EventSource,
    onReconnect(info) {
      heard.push(info)
      recovered()
    },
  })
  const url = `http://127.0.0.1:${port}/events`
  const opened = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (client.getSnapshot(url).status !== 'open') return
        unsubscribe()
        resolve()
      }
      const unsubscribe = client.subscribeState(url, check)
      check()
    })
  const stopTicks = client.subscribe(url, 'tick', () => {})
  await opened()
  expect(heard).toEqual([])

  await stop(running)
  running = await listen(port)
  await recovery
  expect(heard).toHaveLength(1)
  expect(heard[0]).toMatchObject({ url, lastEventId: '1', resumed: true })
  expect(heard[0]?.downtime).toBeGreaterThan(0)
  stopTicks()
})
