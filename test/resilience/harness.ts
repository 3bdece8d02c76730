import { cleanup } from '@testing-library/react'
import { EventSource } from 'eventsource'
import { afterEach, beforeEach } from 'vitest'
import { SSEClient, type StreamSnapshot, type SSEOptions, type Unsubscribe } from '../../src/index'
import { startFaultServer, type FaultServer } from '../fixtures/fault-server'

/** Generous bound for any awaited condition against the local server. */
export const WAIT = { timeout: 5000, interval: 5 }

/** The `eventsource` package as the EventSource, no close grace, and a short retry policy. */
export const fast = {
  EventSource,
  closeDelay: 0,
  reconnect: { initialDelay: 20, maxDelay: 80, maxRetries: 5 },
} satisfies SSEOptions

export interface Harness {
  readonly server: FaultServer
  readonly client: SSEClient
  /** Undone after the test, before the server closes. */
  track(unsubscribe: Unsubscribe): Unsubscribe
  /** Every snapshot the stream goes through; also keeps the stream open. */
  recordStates(url: string, options?: SSEOptions): StreamSnapshot[]
  /** Extra clients, disposed like the main one. */
  newClient(defaults?: SSEOptions): SSEClient
}

/**
 * A fault server and a client per test. Teardown unsubscribes everything,
 * waits until every connection is disposed (so no EventSource keeps retrying),
 * then closes the server.
 */
export function setupHarness(defaults: SSEOptions = fast): Harness {
  let server: FaultServer | undefined
  let clients: SSEClient[] = []
  let subscriptions: Unsubscribe[] = []

  beforeEach(async () => {
    server = await startFaultServer()
    clients = [new SSEClient(defaults)]
    subscriptions = []
  })

  afterEach(async () => {
    cleanup()
    for (const unsubscribe of subscriptions) unsubscribe()
    // closeDelay 0: the last subscriber leaving disposes the connection on the next macrotask.
    for (let i = 0; i < 100 && clients.some((client) => client.getStats().connections > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await server?.close()
    server = undefined
  })

  const currentClient = () => {
    const client = clients[0]
    if (!client) throw new Error('The client exists only inside a test')
    return client
  }

  return {
    get server() {
      if (!server) throw new Error('The fault server runs only inside a test')
      return server
    },
    get client() {
      return currentClient()
    },
    track(unsubscribe) {
      subscriptions.push(unsubscribe)
      return unsubscribe
    },
    recordStates(url, options = {}) {
      const client = currentClient()
      const states: StreamSnapshot[] = []
      subscriptions.push(client.subscribeState(url, () => states.push(client.getSnapshot(url, options)), options))
      states.push(client.getSnapshot(url, options)) // where it starts: subscribing opened it
      return states
    },
    newClient(extra = {}) {
      const client = new SSEClient({ ...defaults, ...extra })
      clients.push(client)
      return client
    },
  }
}

/** Raw text, no JSON decoding: what EventSource hands over. */
export const text = (data: string) => data
