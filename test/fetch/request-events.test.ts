// @vitest-environment node
/** requestEvents, the vanilla form: one request, its events as an async iterable, against a real local server. */
import { describe, expect, it, vi } from 'vitest'
import type { SSEError } from '../../src/core/errors'
import { requestEvents, type RequestEventsOptions, type SSERequestEvent } from '../../src/fetch/index'
import { setupFetchHarness } from './harness'
import { anthropicStream, DONE, openAIChunk, openAIStream, type OpenAIChunk } from './llm'
import { stream, type Hit } from './server'
import { WAIT } from './sink'

const h = setupFetchHarness()

async function collect<TChunk>(options: RequestEventsOptions<TChunk> = {}, path = '/chat') {
  const events: SSERequestEvent<TChunk>[] = []
  for await (const event of requestEvents<TChunk>(`${h.server.url}${path}`, options)) events.push(event)
  return events
}

describe('requestEvents', () => {
  it('POSTs the body as JSON and yields each OpenAI chunk decoded; [DONE] ends it and is not yielded', async () => {
    h.server.respond((hit) => stream(hit, openAIStream(['Hel', 'lo']) + openAIChunk('after done')))
    const events = await collect<OpenAIChunk>({ body: { messages: [{ role: 'user', content: 'hi' }] } })
    expect(events.map(({ data }) => data.choices[0]?.delta.content)).toEqual(['Hel', 'lo'])
    expect(h.server.hits[0]).toMatchObject({ method: 'POST', body: '{"messages":[{"role":"user","content":"hi"}]}' })
    expect(h.server.hits[0]?.headers['content-type']).toBe('application/json')
    // [DONE] closed the request though the server kept it open.
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it.each([
    ['in one write', (hit: Hit) => hit.response.end(DONE)],
    ['1 ms apart', (hit: Hit) => void (hit.response.write(DONE), setTimeout(() => hit.response.end(), 1))],
  ])('[DONE] and the end of the response %s: the loop ends (a read after abort must not hang)', async (_, finish) => {
    h.server.respond((hit) => {
      stream(hit, openAIChunk('a'))
      setTimeout(() => finish(hit), 5)
    })
    expect(await collect()).toHaveLength(1)
  })

  it('yields Anthropic-style named events with their types; the server ending the response ends it', async () => {
    h.server.respond((hit) => {
      stream(hit, anthropicStream(['Hi', '!']))
      hit.response.end()
    })
    const events = await collect()
    expect(events.map(({ event }) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_stop',
    ])
  })

  it('done: a custom end marker, or false for none', async () => {
    h.server.respond((hit) => {
      stream(hit, 'data: 1\n\ndata: "END"\n\ndata: [DONE]\n\n')
      hit.response.end()
    })
    expect((await collect({ done: '"END"' })).map((e) => e.data)).toEqual([1])
    const onError = vi.fn<(error: SSEError) => void>()
    expect((await collect({ done: false, onError })).map((e) => e.data)).toEqual([1, 'END'])
    expect(onError.mock.calls.map(([error]) => [error.kind, error.data])).toEqual([['parse', '[DONE]']])
  })

  it('a malformed chunk goes to onError as a parse error and the stream carries on', async () => {
    h.server.respond((hit) => stream(hit, `${openAIChunk('a')}data: {"choices":\n\n${openAIStream(['b'])}`))
    const onError = vi.fn<(error: SSEError) => void>()
    const events = await collect<OpenAIChunk>({ onError })
    expect(events.map(({ data }) => data.choices[0]?.delta.content)).toEqual(['a', 'b'])
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'parse', data: '{"choices":' })
  })

  it('stopOnError: a malformed chunk ends the request with its error', async () => {
    h.server.respond((hit) => stream(hit, `${openAIChunk('a')}data: oops\n\n${openAIStream(['b'])}`))
    await expect(collect({ stopOnError: true })).rejects.toMatchObject({ name: 'SSEError', kind: 'parse' })
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('aborting the signal mid-stream ends the loop without an error, and the server sees the socket close', async () => {
    h.server.respond((hit) => stream(hit, openAIChunk('a')))
    const controller = new AbortController()
    const seen: unknown[] = []
    for await (const { data } of requestEvents(`${h.server.url}/chat`, { signal: controller.signal })) {
      seen.push(data)
      controller.abort()
    }
    expect(seen).toHaveLength(1)
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('leaving the loop early aborts the request', async () => {
    h.server.respond((hit) => stream(hit, openAIChunk('a') + openAIChunk('b')))
    for await (const _ of requestEvents(`${h.server.url}/chat`)) break
    await vi.waitFor(() => expect(h.server.hits[0]?.closedAt).toBeDefined(), WAIT)
  })

  it('a response that breaks off is not re-sent: one request, a connection error', async () => {
    h.server.respond((hit) => {
      stream(hit, 'id: 1\n' + openAIChunk('a'))
      setTimeout(() => hit.response.destroy(), 20)
    })
    await expect(collect({ body: { q: 1 } })).rejects.toMatchObject({ kind: 'connection', message: expect.stringMatching(/broke off/) })
    expect(h.server.hits).toHaveLength(1)
  })

  it('resume: a broken-off response is requested again with Last-Event-ID and the same body', async () => {
    h.server.respond((hit) =>
      hit.seq === 1
        ? (stream(hit, 'retry: 10\nid: 7\n' + openAIChunk('a')), setTimeout(() => hit.response.destroy(), 20))
        : (stream(hit, 'id: 8\n' + openAIStream(['b'])), hit.response.end()),
    )
    const events = await collect<OpenAIChunk>({ body: { q: 1 }, resume: 1 })
    expect(events.map(({ data }) => data.choices[0]?.delta.content)).toEqual(['a', 'b'])
    expect(h.server.hits.map((hit) => [hit.lastEventId, hit.body])).toEqual([
      [undefined, '{"q":1}'],
      ['7', '{"q":1}'],
    ])
  })

  it.each([500, 403])('HTTP %i throws a connection error with its status, after one request', async (status) => {
    h.server.respond((hit) => hit.response.writeHead(status).end())
    await expect(collect()).rejects.toMatchObject({ kind: 'connection', status })
    expect(h.server.hits).toHaveLength(1)
  })

  it('401 asks headers again and retries once; a second 401 is the error', async () => {
    h.server.respond((hit) => hit.response.writeHead(401).end())
    const headers = vi.fn((reason: string) => ({ Authorization: `Bearer ${reason}` }))
    await expect(collect({ headers })).rejects.toMatchObject({ status: 401 })
    expect(headers.mock.calls.map(([reason]) => reason)).toEqual(['connect', 'unauthorized'])
    expect(h.server.hits.map((hit) => hit.headers.authorization)).toEqual(['Bearer connect', 'Bearer unauthorized'])
  })
})
