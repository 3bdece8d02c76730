import { afterEach, beforeEach } from 'vitest'
import type { TransportConnection, TransportRequest } from '../../src/core/transport'
import { fetchTransport, type FetchTransportOptions } from '../../src/fetch/index'
import { recordingSink, type Recording } from './sink'
import { startServer, type TestServer } from './server'

export interface Opened extends Recording {
  readonly connection: TransportConnection
}

export interface FetchHarness {
  readonly server: TestServer
  /** Opens `fetchTransport(options)` on the server's `path` with a recording sink; closed after the test. */
  open(options?: FetchTransportOptions, request?: Partial<TransportRequest> & { path?: string }): Opened
}

/** A fresh server per test; teardown closes every connection the test opened, then the server. */
export function setupFetchHarness(): FetchHarness {
  let server: TestServer | undefined
  const connections: TransportConnection[] = []
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close()
    await server?.close()
    server = undefined
  })
  const current = () => {
    if (!server) throw new Error('The server runs only inside a test')
    return server
  }
  return {
    get server() {
      return current()
    },
    open(options = {}, { path = '/events', ...request } = {}) {
      const recording = recordingSink()
      const connection = fetchTransport(options).open(
        { url: `${current().url}${path}`, lastEventId: '', withCredentials: false, types: ['message'], ...request },
        recording.sink,
      )
      connections.push(connection)
      return { ...recording, connection }
    },
  }
}
