// @vitest-environment jsdom
/** useSSERequest when things go wrong, and under a burst: errors as state, no retry, one commit per frame. */
import { act, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setupFetchHarness } from './harness'
import { DONE, openAIChunk, openAIStream } from './llm'
import { renderReply } from './request-hook'
import { stream } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()
afterEach(cleanup)
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('useSSERequest errors and bursts', () => {
  it('a malformed chunk → error of kind parse, the stream carries on, nothing throws into React', async () => {
    h.server.respond((hit) => stream(hit, `${openAIChunk('a')}data: {"choices": [\n\n${openAIStream(['b'])}`))
    const consoleError = vi.spyOn(console, 'error')
    const { handle } = renderReply(`${h.server.url}/chat`)
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.status).toBe('done'), WAIT)
    expect(handle.current.data).toBe('ab')
    expect(handle.current.error).toMatchObject({ name: 'SSEError', kind: 'parse', data: '{"choices": [' })
    expect(handle.errors.map((error) => error.kind)).toEqual(['parse'])
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('an onError that throws is logged: start() still resolves', async () => {
    h.server.respond((hit) => stream(hit, `${openAIChunk('a')}data: {oops\n\n${openAIStream(['b'])}`))
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { handle } = renderReply(`${h.server.url}/chat`, {
      onError: () => {
        throw new Error('handler bug')
      },
    })
    let final: Promise<string> | undefined
    act(() => void (final = handle.current.start()))
    await expect(final).resolves.toBe('ab')
    expect(consoleError).toHaveBeenCalledWith(expect.objectContaining({ message: 'handler bug' }))
  })

  it('stopOnError: a malformed chunk ends it with status error, data kept', async () => {
    h.server.respond((hit) => stream(hit, `${openAIChunk('a')}data: nope\n\n${openAIStream(['b'])}`))
    const { handle } = renderReply(`${h.server.url}/chat`, { stopOnError: true })
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.status).toBe('error'), WAIT)
    expect(handle.current).toMatchObject({ data: 'a', error: { kind: 'parse' } })
  })

  it('a dropped POST is not retried: one request, status error, data kept', async () => {
    h.server.respond((hit) => {
      stream(hit, 'id: 1\n' + openAIChunk('a'))
      setTimeout(() => hit.response.destroy(), 30)
    })
    const { handle } = renderReply(`${h.server.url}/chat`)
    act(() => void handle.current.start({ q: 'x' }))
    await vi.waitFor(() => expect(handle.current.status).toBe('error'), WAIT)
    expect(handle.current).toMatchObject({ data: 'a', lastEventId: '1', error: { kind: 'connection' } })
    await quietFor(1200) // longer than a resume would wait before re-sending
    expect(h.server.hits).toHaveLength(1)
  })

  it.each([401, 500])('HTTP %i → status error with error.status', async (status) => {
    h.server.respond((hit) => hit.response.writeHead(status).end())
    const { handle } = renderReply(`${h.server.url}/chat`)
    let final: Promise<string> | undefined
    act(() => void (final = handle.current.start()))
    await vi.waitFor(() => expect(handle.current.status).toBe('error'), WAIT)
    expect(handle.current.error).toMatchObject({ kind: 'connection', status })
    expect(handle.errors).toHaveLength(1)
    await expect(final).resolves.toBe('')
  })

  it('2,000 tokens in one burst: every token in data, at most a few dozen commits', async () => {
    const tokens = Array.from({ length: 2000 }, (_, n) => `${n} `)
    h.server.respond((hit) => stream(hit, tokens.map(openAIChunk).join('') + DONE))
    const seen: string[] = []
    const { handle } = renderReply(`${h.server.url}/chat`, {
      onEvent: (chunk) => void seen.push(chunk.choices[0]?.delta.content ?? ''),
    })
    const before = handle.commits
    act(() => void handle.current.start())
    await vi.waitFor(() => expect(handle.current.status).toBe('done'), WAIT)
    expect(handle.current.data).toBe(tokens.join(''))
    expect(seen).toEqual(tokens)
    expect(handle.commits - before).toBeLessThanOrEqual(30)
  })
})
