// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSEClient } from '../../src/core/client'
import { fetchTransport } from '../../src/fetch/index'
import { createMockTransport } from '../../src/testing/index'
import { createFakePage } from '../../src/testing/fake-page'
import { startServer, stream, type TestServer } from '../fetch/server'

const page = createFakePage()

/** Resolves once `check` holds, polling real time. */
async function until(check: () => boolean, what: string) {
  for (let tries = 0; tries < 400; tries++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('user code never breaks the stream', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(async () => {
    await server.close()
  })

  it('a state listener that throws is reported once, and the listeners after it still hear every change', () => {
    const mock = createMockTransport()
    const client = new SSEClient({ transport: mock.transport, page })
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const heard: string[] = []
    client.subscribeState('http://127.0.0.1:1/s', () => {
      throw new Error('a bug in a listener')
    })
    client.subscribeState('http://127.0.0.1:1/s', () => heard.push(client.getSnapshot('http://127.0.0.1:1/s').status))
    mock.latest().open()
    mock.latest().fail('transient')
    expect(heard).toEqual(['open', 'reconnecting'])
    expect(errors).toHaveBeenCalledTimes(2)
    expect(errors.mock.calls.map(([error]) => String(error))).toEqual(['Error: a bug in a listener', 'Error: a bug in a listener'])
  })

  it('with fetchTransport, a state listener that throws when the stream opens leaves it open', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    server.respond((hit) => stream(hit, 'data: 1\n\n'))
    const client = new SSEClient({ transport: fetchTransport(), page })
    const url = `${server.url}/events`
    const statuses: string[] = []
    client.subscribeState(url, () => {
      const { status } = client.getSnapshot(url)
      statuses.push(status)
      if (status === 'open') throw new Error('a bug on open')
    })
    const seen: unknown[] = []
    client.subscribe(url, 'message', (data) => seen.push(data))
    await until(() => seen.length === 1, 'the event')
    expect(client.getSnapshot(url)).toMatchObject({ status: 'open', error: null })
    expect(statuses).toEqual(['open'])
    expect(server.hits).toHaveLength(1)
    client.close(url)
  })

  it.each([
    ['rejects with undefined', () => Promise.reject(undefined)],
    ['rejects with a string', () => Promise.reject('no token')],
    [
      'throws',
      () => {
        throw new Error('token store down')
      },
    ],
  ])('a headers function that %s is a connection error the stream retries, never an unhandled rejection', async (_how, headers) => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const client = new SSEClient({ transport: fetchTransport({ headers }), page, reconnect: { initialDelay: 60_000 } })
      const url = `${server.url}/events`
      client.subscribeState(url, () => {})
      await until(() => client.getSnapshot(url).error !== null, 'the error')
      expect(client.getSnapshot(url).status).toBe('reconnecting')
      expect(client.getSnapshot(url).error).toMatchObject({ kind: 'connection', message: 'Request failed' })
      expect(server.hits).toHaveLength(0)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
      client.close(url)
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('an HTTP error names the stream (origin and path, never the query)', async () => {
    server.respond((hit) => {
      hit.response.writeHead(401)
      hit.response.end()
    })
    const client = new SSEClient({ transport: fetchTransport(), page, reconnect: false })
    const url = `${server.url}/events?token=secret`
    client.subscribeState(url, () => {})
    await until(() => client.getSnapshot(url).status === 'closed', 'the stream to give up')
    expect(client.getSnapshot(url).error?.message).toBe(`HTTP 401 from ${server.url}/events`)
  })
})
