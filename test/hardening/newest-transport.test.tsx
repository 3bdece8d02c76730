import { render, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SSEProvider, useSSEEvent } from '../../src/index'
import { fetchTransport } from '../../src/fetch/index'
import { startServer, stream, type TestServer } from '../fetch/server'

let server: TestServer
beforeEach(async () => {
  server = await startServer()
  // Each stream says its retry delay, then ends: the transport reconnects by itself.
  server.respond((hit) => {
    stream(hit, 'retry: 20\ndata: 1\n\n')
    hit.response.end()
  })
})
afterEach(async () => {
  await server.close()
})

const tokens = () => server.hits.map((hit) => hit.headers.authorization)

/** Once the new token is sent, the old one never is again (a request already on its way may still carry it). */
async function newTokenOnly() {
  await waitFor(() => expect(tokens().lastIndexOf('Bearer two') - tokens().indexOf('Bearer two')).toBeGreaterThanOrEqual(1), {
    timeout: 5000,
  })
  expect(tokens().slice(tokens().indexOf('Bearer two'))).not.toContain('Bearer one')
}

function Listener(props: { transport?: ReturnType<typeof fetchTransport> }) {
  useSSEEvent<number>('message', () => {}, props.transport ? { transport: props.transport } : {})
  return null
}

describe('per-request callbacks come from the newest transport object of a key', () => {
  it('an inline fetchTransport on the provider, made again with a new token, sends the new token on the next request', async () => {
    function App({ token }: { token: string }) {
      const transport = fetchTransport({ headers: () => ({ Authorization: `Bearer ${token}` }), key: 'me' })
      return (
        <SSEProvider url={`${server.url}/events`} transport={transport}>
          <Listener />
        </SSEProvider>
      )
    }
    const view = render(<App token="one" />)
    await waitFor(() => expect(tokens()).toContain('Bearer one'))
    view.rerender(<App token="two" />)
    await newTokenOnly()
    view.unmount()
  })

  it("the same for a hook's own transport option", async () => {
    function App({ token }: { token: string }) {
      const transport = fetchTransport({ headers: () => ({ Authorization: `Bearer ${token}` }), key: 'me' })
      return (
        <SSEProvider url={`${server.url}/events`}>
          <Listener transport={transport} />
        </SSEProvider>
      )
    }
    const view = render(<App token="one" />)
    await waitFor(() => expect(tokens()).toContain('Bearer one'))
    view.rerender(<App token="two" />)
    await newTokenOnly()
    view.unmount()
  })
})
