// @vitest-environment node
/**
 * Format parity: the fetch transport, fed the bytes the native path is checked with (WPT format-*
 * inputs from the fault server, a payload trickled one byte per write), dispatches what a
 * conforming EventSource dispatches: type, data, lastEventId, in order, nothing more.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TransportConnection } from '../../src/core/transport'
import { fetchTransport } from '../../src/fetch/index'
import { startFaultServer, TRICKLE_DATA, type FaultServer } from '../fixtures/fault-server'
import { message, recordingSink, WAIT } from './sink'
import { formatCases } from '../fixtures/wpt-format-cases'

let server: FaultServer
const connections: TransportConnection[] = []
beforeEach(async () => {
  server = await startFaultServer()
})
afterEach(async () => {
  for (const connection of connections.splice(0)) connection.close()
  await server.close()
})

function openPath(path: string) {
  const recording = recordingSink()
  const request = { url: `${server.url}${path}`, lastEventId: '', withCredentials: false, types: [] }
  connections.push(fetchTransport().open(request, recording.sink))
  return recording
}

describe('fetchTransport format parity with web-platform-tests eventsource/format-*', () => {
  it.each(formatCases)('$file', async ({ path, connections: count = 1, expected }) => {
    const { events, errors, opens } = openPath(path)
    // Each connection ends with a non-fatal error once its body is fully dispatched.
    await vi.waitFor(() => expect(errors()).toHaveLength(count), WAIT)
    expect(errors().every((failure) => !failure.fatal)).toBe(true)
    expect(opens()).toBe(count)
    expect(events()).toEqual(expected)
  })

  it.each([
    ['retry:02000 is decimal', 'retry%3A02000%0Adata%3Ax', [2000]],
    ['a bogus retry after a valid one is ignored', 'retry%3A2000%0Aretry%3A1000x%0Adata%3Ax', [2000]],
    ['retry with no value is ignored', 'retry%0Adata%3Atest', []],
  ])('%s', async (_name, body, retries) => {
    const { calls, errors } = openPath(`/wpt/message?message=${body}`)
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(calls.flatMap((c) => (c.call === 'retry' ? [c.ms] : []))).toEqual(retries)
  })

  it.each([['text/x-bogus'], ['x/x']])('Content-Type %s fails the connection and dispatches nothing', async (mime) => {
    const { events, errors } = openPath(`/wpt/message?mime=${mime}`)
    await vi.waitFor(() => expect(errors()).toHaveLength(1), WAIT)
    expect(errors()[0]).toMatchObject({ fatal: true, message: expect.stringContaining(mime) })
    expect(events()).toEqual([])
  })

  it('a UTF-8 character and a CRLF split across chunks, one byte per write', async () => {
    const { events } = openPath('/trickle')
    await vi.waitFor(() => expect(events()).toHaveLength(1), WAIT)
    expect(events()).toEqual([message(TRICKLE_DATA)])
    expect(server.requestsTo('/trickle')[0]?.writes).toBeGreaterThan(40)
  })
})
