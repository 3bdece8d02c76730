// @vitest-environment jsdom
/** useSSERequest against a real local server: folding, status, abort, unmount, restart, errors. */
import { act, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setupFetchHarness } from './harness'
import { anthropicStream, openAIChunk, openAIStream } from './llm'
import { renderReply } from './request-hook'
import { stream, type Hit } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()
afterEach(cleanup)

/** Streams one OpenAI chunk per `ms` until the socket closes. */
const trickle = (hit: Hit, ms = 10) => {
  stream(hit)
  let n = 0
  const timer = setInterval(() => (hit.closedAt === undefined ? hit.response.write(openAIChunk(`${n++} `)) : clearInterval(timer)), ms)
}

describe('useSSERequest', () => {
  it('folds OpenAI chunks into data, idle → streaming → done; [DONE] never reaches reduce', async () => {
    h.server.respond((hit) => stream(hit, openAIStream(['Hel', 'lo', ' world'])))
    const { handle } = renderReply(`${h.server.url}/chat`)
    expect(handle.current).toMatchObject({ status: 'idle', data: '', error: null })
    let final: Promise<string> | undefined
    act(() => void (final = handle.current.start({ messages: ['hi'] })))
    await vi.waitFor(() => expect(handle.current.status).toBe('done'), WAIT)
    expect(handle.current.data).toBe('Hello world')
    await expect(final).resolves.toBe('Hello world')
    expect(handle.statuses).toEqual(['idle', 'streaming', 'done'])
    expect(handle.reduced.map((e) => e.data)).not.toContain('[DONE]')
    expect(handle.reduced).toHaveLength(3)
    expect(h.server.hits[0]).toMatchObject({ method: 'POST', body: '{"messages":["hi"]}' })
  })

  it('Anthropic-style named events reach reduce with their types', async () => {
    h.server.respond((hit) => {
      stream(hit, anthropicStream(['Hi', '!']))
      hit.response.end()
    })
    const { handle } = renderReply(`${h.server.url}/chat`, {
      reduce: (text, chunk, event) => {
        handle.reduced.push({ type: event.type, data: event.data })
        const delta = (chunk as unknown as { delta?: { text?: string } }).delta
        return event.type === 'content_block_delta' ? text + (delta?.text ?? '') : text
      },
    })
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.status).toBe('done'), WAIT)
    expect(handle.current.data).toBe('Hi!')
    expect(handle.reduced.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_stop',
    ])
  })

  it('abort() mid-stream → aborted: the server sees the socket close, data keeps what was reduced', async () => {
    h.server.respond((hit) => trickle(hit))
    const { handle } = renderReply(`${h.server.url}/chat`)
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.data).toMatch(/^0 1 2 /), WAIT)
    act(() => handle.current.abort())
    expect(handle.current.status).toBe('aborted')
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect(handle.current.data).toMatch(/^0 1 2 /)
    expect(handle.errors).toEqual([])
  })

  it('nothing arrives after abort(), not even events already read in the same chunk', async () => {
    h.server.respond((hit) => stream(hit, openAIChunk('a') + openAIChunk('b') + openAIChunk('c')))
    const { handle } = renderReply(`${h.server.url}/chat`, { onEvent: () => handle.current.abort() })
    let final: Promise<string> | undefined
    act(() => void (final = handle.current.start()))
    await expect(final).resolves.toBe('a')
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect(handle.current).toMatchObject({ status: 'aborted', data: 'a' })
    expect(handle.reduced).toHaveLength(1)
  })

  it('unmount aborts the request: the server sees the socket close', async () => {
    h.server.respond((hit) => trickle(hit))
    const { handle, view } = renderReply(`${h.server.url}/chat`)
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.data).toMatch(/^0 /), WAIT)
    const reduced = handle.reduced.length
    view.unmount()
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect(handle.reduced).toHaveLength(reduced)
  })

  it('a start() that comes after unmount (a late async handler) sends nothing', async () => {
    h.server.respond((hit) => trickle(hit))
    const { handle, view } = renderReply(`${h.server.url}/chat`)
    const { start } = handle.current
    view.unmount()
    await expect(start()).resolves.toBe('')
    // A request started afterwards by a mounted component arrives, and alone.
    const later = renderReply(`${h.server.url}/later`)
    act(() => void later.handle.current.start())
    await vi.waitFor(() => expect(h.server.hits.map((hit) => hit.path)).toEqual(['/later']), WAIT)
  })

  it('in StrictMode: one request, streamed to done; unmount still aborts a running one', async () => {
    h.server.respond((hit) => (hit.seq === 1 ? stream(hit, openAIStream(['ok'])) : trickle(hit)))
    const { handle, view } = renderReply(`${h.server.url}/chat`, {}, { strict: true })
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current).toMatchObject({ status: 'done', data: 'ok' }), WAIT)
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.data).toMatch(/^0 /), WAIT)
    view.unmount()
    await vi.waitFor(() => expect(h.server.hits[1]?.closedAt).toBeDefined(), WAIT)
    expect(h.server.hits).toHaveLength(2)
  })

  it('start() while running aborts the first request and restarts data from initial', async () => {
    h.server.respond((hit) => (hit.seq === 1 ? trickle(hit) : stream(hit, openAIStream(['second']))))
    const { handle } = renderReply(`${h.server.url}/chat`)
    act(() => void handle.current.start({ n: 1 }))
    await vi.waitFor(() => expect(handle.current.data).toMatch(/^0 1 /), WAIT)
    act(() => void handle.current.start({ n: 2 }))
    expect(handle.current).toMatchObject({ status: 'streaming', data: '' })
    await vi.waitFor(() => expect(handle.current.status).toBe('done'), WAIT)
    expect(handle.current.data).toBe('second')
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
    expect(h.server.hits.map((hit) => hit.body)).toEqual(['{"n":1}', '{"n":2}'])
  })
})
