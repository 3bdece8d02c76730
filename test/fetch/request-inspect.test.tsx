// @vitest-environment jsdom
/** Request streams under an inspector: each run's status and events reach the client's inspectors. */
import { act, cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, type SSEInspectRecord } from '../../src/index'
import { createSSERequest, useSSERequest, type UseSSERequestResult } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { openAIStream } from './llm'
import { stream } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()
afterEach(cleanup)

const summary = (records: SSEInspectRecord[]) =>
  records.map((r) => {
    if (r.kind === 'request') return `${r.method} ${r.status}`
    return r.kind === 'event' ? `event ${r.message.data}` : r.kind
  })

describe('request streams under inspection', () => {
  it("useSSERequest under a provider reports each run to the provider's client: status, events, the abort", async () => {
    h.server.respond((hit) => stream(hit, openAIStream(['Hel', 'lo'])))
    const client = new SSEClient()
    const records: SSEInspectRecord[] = []
    client.inspect((record) => records.push(record))
    const reply: { current?: UseSSERequestResult<unknown> } = {}
    function Ask() {
      reply.current = useSSERequest(`${h.server.url}/chat`)
      return null
    }
    render(
      <SSEProvider client={client}>
        <Ask />
      </SSEProvider>,
    )
    act(() => void reply.current?.start({ q: 1 }))
    await vi.waitFor(() => expect(reply.current?.status).toBe('done'), WAIT)
    const events = summary(records).filter((line) => line.startsWith('event'))
    expect(events).toHaveLength(2)
    expect(summary(records)).toEqual(['POST streaming', ...events, 'POST done'])
    expect(records[0]).toMatchObject({ kind: 'request', url: `${h.server.url}/chat`, error: null })
    expect(new Set(records.map((r) => r.key)).size).toBe(1)

    h.server.respond((hit) => stream(hit)) // one that never ends
    act(() => void reply.current?.start())
    await vi.waitFor(() => expect(h.server.hits).toHaveLength(2), WAIT)
    act(() => reply.current?.abort())
    expect(summary(records).slice(-2)).toEqual(['POST streaming', 'POST aborted'])
  })

  it('createSSERequest given a client reports its failure with the HTTP status; without one it reports nothing', async () => {
    h.server.respond((hit) => {
      hit.response.writeHead(500)
      hit.response.end()
    })
    const client = new SSEClient()
    const records: SSEInspectRecord[] = []
    client.inspect((record) => records.push(record))
    await createSSERequest(`${h.server.url}/job`, { method: 'GET', client }).start()
    expect(records.map((r) => r.kind === 'request' && [r.method, r.status])).toEqual([
      ['GET', 'streaming'],
      ['GET', 'error'],
    ])
    expect(records[1]).toMatchObject({ error: { status: 500 } })
    await createSSERequest(`${h.server.url}/job`, { method: 'GET' }).start()
    expect(records).toHaveLength(2)
  })
})
