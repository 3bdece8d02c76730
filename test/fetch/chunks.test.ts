// @vitest-environment node
/** Chunk boundaries anywhere: a BOM, a CRLF and a UTF-8 character each split across writes. */
import { describe, expect, it, vi } from 'vitest'
import { setupFetchHarness } from './harness'
import { stream, type Hit } from './server'
import { message, WAIT } from './sink'

const h = setupFetchHarness()

/** Writes each piece separately, waiting for it to be flushed and a turn of the event loop in between. */
async function writeApart(hit: Hit, pieces: Buffer[]) {
  hit.response.socket?.setNoDelay(true)
  for (const piece of pieces) {
    await new Promise<void>((resolve) => hit.response.write(piece, () => resolve()))
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('fetchTransport chunk boundaries', () => {
  it('a BOM, CRLF, CR and a two-byte character split across chunks give the events EventSource gives', async () => {
    const e = Buffer.from('é')
    const pieces = [
      Buffer.of(0xef),
      Buffer.of(0xbb),
      Buffer.of(0xbf),
      Buffer.from('data: 1\r'),
      Buffer.from('\n\r'),
      Buffer.from('\nid: x\rdata: '),
      e.subarray(0, 1),
      e.subarray(1),
      Buffer.from('\r'),
      Buffer.from('\r'),
    ]
    h.server.respond((hit) => {
      stream(hit)
      void writeApart(hit, pieces)
    })
    const { events } = h.open()
    await vi.waitFor(() => expect(events()).toHaveLength(2), WAIT)
    expect(events()).toEqual([message('1'), message('é', 'x')])
  })
})
