// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatServer } from '../../demo/server/chat-server'
import type { ApiError, ChatHistory, ChatStats } from '../../demo/shared/protocol'
import { startChat, tempStore, type TestChat } from './helpers'

let chat: TestChat | undefined

afterEach(async () => {
  vi.useRealTimers()
  await chat?.close()
  chat = undefined
})

const start = async (...args: Parameters<typeof startChat>) => (chat = await startChat(...args))

/** Reads the raw stream until `text` shows up: a byte-level check, not an SSE parser. */
async function readStreamUntil(base: string, text: string): Promise<{ response: Response; received: string }> {
  const controller = new AbortController()
  const response = await fetch(`${base}/api/events`, { signal: controller.signal })
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let received = ''
  while (!received.includes(text)) {
    const { value, done } = await reader.read()
    if (done) break
    received += value
  }
  controller.abort()
  return { response, received }
}

describe('GET /api/events', () => {
  it('answers as an event stream that proxies do not buffer, with a retry hint', async () => {
    const { base } = await start({ retryMs: 1000 })
    const { response, received } = await readStreamUntil(base, '\n\n')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(received.startsWith('retry: 1000\n\n')).toBe(true)
  })

  it('sends a keep-alive comment line on its interval', async () => {
    const { base } = await start({ keepAliveIntervalMs: 20 })
    const { received } = await readStreamUntil(base, ': keep-alive\n\n')
    expect(received).toContain('\n: keep-alive\n\n')
  })

  it('pings with the server time in ISO 8601 and no id, so the resume point stays the last chat event', async () => {
    const { stream, postMessage } = await start({ pingIntervalMs: 20 })
    const sent = await postMessage('ada', 'hello')
    const events = await stream({ pings: true, lastEventId: '0' })
    await events.waitFor('ping', 3)
    const pings = events.of('ping')
    for (const ping of pings) expect(new Date(ping.data.time).toISOString()).toBe(ping.data.time)
    // The EventSource keeps the last id it saw when an event brings none.
    expect(pings.map((ping) => ping.id)).toEqual(pings.map(() => sent.id))
  })

  it('sends each posted message to every stream, its event id equal to the message id', async () => {
    const { stream, postMessage } = await start()
    const [first, second] = [await stream(), await stream()]
    const sent = await postMessage('ada', 'hello')
    const next = await postMessage('bob', 'hi ada')
    for (const events of [first!, second!]) {
      await events.waitFor('usermessage', 2)
      expect(events.of('usermessage')).toEqual([
        { id: sent.id, data: sent },
        { id: next.id, data: next },
      ])
    }
    expect(Number(next.id)).toBeGreaterThan(Number(sent.id))
    expect(sent).toMatchObject({ username: 'ada', text: 'hello' })
    expect(new Date(sent.time).toISOString()).toBe(sent.time)
  })

  it('keeps user text inside the JSON data: line breaks cannot forge ids, event names or data', async () => {
    const { stream, postMessage, post } = await start()
    const events = await stream()
    const forged = 'hi\n\nid: 999\nevent: userconnect\ndata: {"username":"mallory"}\n\n'
    const withCarriageReturns = 'one\r\revent: reset\rdata: {}\r\rtwo\r\nthree'
    const first = await postMessage('eve', forged)
    const second = await postMessage('eve', withCarriageReturns)
    await events.waitFor('usermessage', 2)
    expect(events.events).toEqual([
      { type: 'usermessage', id: first.id, data: first },
      { type: 'usermessage', id: second.id, data: second },
    ])
    expect(first.text).toBe(forged.trim())
    // Carriage returns become plain line breaks, still inside the one message.
    expect(second.text).toBe('one\n\nevent: reset\ndata: {}\n\ntwo\nthree')

    const forgedName = await post('/api/messages', { username: 'eve\nevent: reset', text: 'x' })
    expect(forgedName.status).toBe(400)
    expect(await forgedName.json()).toMatchObject({ error: 'invalid_field', field: 'username' })
  })

  it('rejects a malformed client id', async () => {
    const { request } = await start()
    const response = await request('/api/events?client=%0Aevil')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ field: 'client' })
  })
})

describe('resuming with Last-Event-ID', () => {
  it('replays exactly the missed events from the Last-Event-ID header, then goes on live', async () => {
    const { stream, postMessage } = await start()
    const seen = await postMessage('ada', 'one')
    const missed = [await postMessage('ada', 'two'), await postMessage('bob', 'three')]
    const events = await stream({ lastEventId: seen.id })
    await events.waitFor('usermessage', 2)
    const live = await postMessage('ada', 'four')
    await events.waitFor('usermessage', 3)
    expect(events.of('usermessage').map((event) => event.data)).toEqual([...missed, live])
    expect(events.events.every((event) => event.type === 'usermessage')).toBe(true)
  })

  it('takes the lastEventId query parameter that sse-hooks sends when it opens a new EventSource', async () => {
    const { stream, postMessage } = await start()
    const seen = await postMessage('ada', 'one')
    const missed = await postMessage('ada', 'two')
    const events = await stream({ query: { lastEventId: seen.id } })
    await events.waitFor('usermessage')
    const live = await postMessage('ada', 'three')
    await events.waitFor('usermessage', 2)
    expect(events.of('usermessage').map((event) => event.data)).toEqual([missed, live])
  })

  it("prefers the browser's header, which is newer, over the query parameter", async () => {
    const { stream, postMessage } = await start()
    const older = await postMessage('ada', 'one')
    const newer = await postMessage('ada', 'two')
    const missed = await postMessage('ada', 'three')
    const events = await stream({ lastEventId: newer.id, query: { lastEventId: older.id } })
    await events.waitFor('usermessage')
    const live = await postMessage('ada', 'four')
    await events.waitFor('usermessage', 2)
    expect(events.of('usermessage').map((event) => event.data)).toEqual([missed, live])
  })

  it('replays nothing to a new stream', async () => {
    const { stream, postMessage } = await start()
    await postMessage('ada', 'old')
    const events = await stream()
    const live = await postMessage('ada', 'new')
    await events.waitFor('usermessage')
    expect(events.events).toEqual([{ type: 'usermessage', id: live.id, data: live }])
  })

  it('sends reset, carrying the current id, when the resume point was trimmed from the store', async () => {
    const { stream, postMessage } = await start({ keep: 2 })
    const evicted = await postMessage('ada', 'one')
    await postMessage('ada', 'two')
    await postMessage('ada', 'three')
    const latest = await postMessage('ada', 'four')
    const events = await stream({ lastEventId: evicted.id })
    await events.waitFor('reset')
    expect(events.events).toEqual([
      { type: 'reset', id: latest.id, data: { reason: 'too-old', lastEventId: latest.id } },
    ])
  })

  it.each(['999', 'abc', '-1', '1e3'])('sends reset for an id the server never issued (%s)', async (id) => {
    const { stream, postMessage } = await start()
    const latest = await postMessage('ada', 'one')
    const events = await stream({ lastEventId: id })
    await events.waitFor('reset')
    expect(events.of('reset')).toEqual([{ id: latest.id, data: { reason: 'unknown-id', lastEventId: latest.id } }])
  })
})

describe('POST /api/messages', () => {
  const invalid: [string, unknown, string][] = [
    ['no fields', {}, 'username'],
    ['an empty username', { username: '', text: 'hi' }, 'username'],
    ['a blank username', { username: '   ', text: 'hi' }, 'username'],
    ['a 33-character username', { username: 'a'.repeat(33), text: 'hi' }, 'username'],
    ['a number as username', { username: 42, text: 'hi' }, 'username'],
    ['an empty text', { username: 'ada', text: '' }, 'text'],
    ['a blank text', { username: 'ada', text: ' \n\t ' }, 'text'],
    ['a 501-character text', { username: 'ada', text: 'x'.repeat(501) }, 'text'],
    ['501 emoji', { username: 'ada', text: '😀'.repeat(501) }, 'text'],
    ['an array as text', { username: 'ada', text: ['hi'] }, 'text'],
    ['null as text', { username: 'ada', text: null }, 'text'],
  ]

  it.each(invalid)('answers 400 with a clear JSON error for %s', async (_name, body, field) => {
    const { post, request } = await start()
    const response = await post('/api/messages', body)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const error = (await response.json()) as ApiError
    expect(error).toMatchObject({ error: 'invalid_field', field })
    expect(error.message).toMatch(new RegExp(field))
    const history = (await (await request('/api/history')).json()) as ChatHistory
    expect(history.messages).toEqual([])
  })

  it.each([
    ['not JSON', '{"username": "ada",', 'invalid_json'],
    ['a JSON array', '[1, 2]', 'invalid_body'],
    ['JSON null', 'null', 'invalid_body'],
  ])('answers 400 for a body that is %s', async (_name, body, code) => {
    const { post } = await start()
    const response = await post('/api/messages', body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: code })
  })

  it('accepts the limits exactly, counting characters rather than UTF-16 units, and trims', async () => {
    const { post } = await start()
    for (const body of [
      { username: 'a'.repeat(32), text: 'x'.repeat(500) },
      { username: '🦊'.repeat(32), text: '😀'.repeat(500) },
    ]) {
      expect((await post('/api/messages', body)).status).toBe(201)
    }
    const trimmed = await post('/api/messages', { username: '  ada  ', text: '\n  hello  \n' })
    expect(await trimmed.json()).toMatchObject({ username: 'ada', text: 'hello' })
  })

  it('answers 415 unless the body is declared as JSON', async () => {
    const { post } = await start()
    const response = await post('/api/messages', JSON.stringify({ username: 'ada', text: 'hi' }), {
      'Content-Type': 'text/plain',
    })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' })
  })

  it('answers 413 for a body over the cap, whether or not it declares its length', async () => {
    const { post, request } = await start({ maxBodyBytes: 1024 })
    const huge = JSON.stringify({ username: 'ada', text: 'x'.repeat(2000) })
    const declared = await post('/api/messages', huge)
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({ error: 'body_too_large' })

    const streamed = await request('/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('answers 405 to other methods and 404 to unknown API paths', async () => {
    const { request } = await start()
    const wrongMethod = await request('/api/messages')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    expect((await request('/api/nope')).status).toBe(404)
    expect((await request('/api/__proto__')).status).toBe(404)
  })
})

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client spent its burst, and lets it post again after', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const { post } = await start({ rateLimit: { burst: 3, perSecond: 0.5 }, now: () => now })
    const message = { username: 'ada', text: 'hi' }
    for (let i = 0; i < 3; i++) expect((await post('/api/messages', message)).status).toBe(201)
    const limited = await post('/api/messages', message)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' })

    now += 1999
    expect((await post('/api/messages', message)).status).toBe(429)
    now += 1
    expect((await post('/api/messages', message)).status).toBe(201)
  })

  it('spends no token on a rejected post', async () => {
    const { post } = await start({ rateLimit: { burst: 1, perSecond: 0.001 } })
    expect((await post('/api/messages', { username: 'ada', text: '' })).status).toBe(400)
    expect((await post('/api/messages', { username: 'ada', text: 'hi' })).status).toBe(201)
    expect((await post('/api/messages', { username: 'ada', text: 'hi' })).status).toBe(429)
  })

  it('counts per client address, taken from X-Forwarded-For only when told to trust a proxy', async () => {
    const limit = { burst: 1, perSecond: 0.001 }
    const message = { username: 'ada', text: 'hi' }
    const behindProxy = await start({ rateLimit: limit, trustProxy: true })
    expect((await behindProxy.post('/api/messages', message, { 'X-Forwarded-For': '10.0.0.1' })).status).toBe(201)
    expect((await behindProxy.post('/api/messages', message, { 'X-Forwarded-For': '10.0.0.2' })).status).toBe(201)
    expect((await behindProxy.post('/api/messages', message, { 'X-Forwarded-For': '10.0.0.1' })).status).toBe(429)
    await behindProxy.close()

    const direct = await start({ rateLimit: limit })
    expect((await direct.post('/api/messages', message, { 'X-Forwarded-For': '10.0.0.1' })).status).toBe(201)
    expect((await direct.post('/api/messages', message, { 'X-Forwarded-For': '10.0.0.2' })).status).toBe(429)
  })
})

describe('history, stats and presence', () => {
  it('gives the last messages, who is online and the id they are current to', async () => {
    const { request, postMessage } = await start({ historyMessages: 2 })
    await postMessage('ada', 'one')
    const two = await postMessage('bob', 'two')
    const three = await postMessage('ada', 'three')
    const history = (await (await request('/api/history')).json()) as ChatHistory
    expect(history).toEqual({ lastEventId: three.id, messages: [two, three], users: [] })
  })

  it('counts open streams', async () => {
    const { request, stream } = await start()
    const stats = async () => ((await (await request('/api/stats')).json()) as ChatStats).connections
    expect(await stats()).toBe(0)
    const first = await stream()
    await stream()
    expect(await stats()).toBe(2)
    first.close()
    await vi.waitFor(async () => expect(await stats()).toBe(1))
  })

  it('announces a user who joins from an open tab, and their leave once the tab is gone', async () => {
    const { stream, post, request } = await start({ presenceGraceMs: 20 })
    const observer = await stream()
    const tab = await stream({ query: { client: 'tab-1' } })
    const joined = await post('/api/join', { username: 'ada', client: 'tab-1' })
    expect(joined.status).toBe(200)
    await observer.waitFor('userconnect')
    expect(observer.of('userconnect')[0]?.data.username).toBe('ada')
    expect(((await (await request('/api/history')).json()) as ChatHistory).users).toEqual(['ada'])

    tab.close()
    await observer.waitFor('userdisconnect')
    expect(observer.of('userdisconnect')[0]?.data.username).toBe('ada')
    expect(((await (await request('/api/history')).json()) as ChatHistory).users).toEqual([])
  })

  it('keeps a user online through a reconnect within the grace period', async () => {
    const { stream, post, postMessage } = await start({ presenceGraceMs: 60_000 })
    const observer = await stream()
    const tab = await stream({ query: { client: 'tab-1' } })
    await post('/api/join', { username: 'ada', client: 'tab-1' })
    tab.close()
    await stream({ query: { client: 'tab-1' } })
    await postMessage('ada', 'back')
    await observer.waitFor('usermessage')
    expect(observer.events.map((event) => event.type)).toEqual(['userconnect', 'usermessage'])
  })

  it('moves a tab that renames from the old name to the new one', async () => {
    const { stream, post } = await start()
    const observer = await stream()
    await stream({ query: { client: 'tab-1' } })
    await post('/api/join', { username: 'ada', client: 'tab-1' })
    await post('/api/join', { username: 'ada l.', client: 'tab-1' })
    await observer.waitFor('userconnect', 2)
    expect(observer.events.map((event) => [event.type, (event.data as { username: string }).username])).toEqual([
      ['userconnect', 'ada'],
      ['userdisconnect', 'ada'],
      ['userconnect', 'ada l.'],
    ])
  })

  it('validates joins like messages', async () => {
    const { post } = await start()
    const noClient = await post('/api/join', { username: 'ada' })
    expect(noClient.status).toBe(400)
    expect(await noClient.json()).toMatchObject({ field: 'client' })
    expect((await post('/api/join', { username: '', client: 'tab-1' })).status).toBe(400)
  })
})

describe('close()', () => {
  it('ends every stream and answers 503 afterwards', async () => {
    const started = await start()
    const events = await started.stream()
    const ended = new Promise<void>((resolve) => events.source.addEventListener('error', () => resolve(), { once: true }))
    started.chat.close()
    await ended
    expect((await started.request('/api/stats')).status).toBe(503)
  })

  it('stops every timer, so a process that closes it can exit', async () => {
    vi.useFakeTimers()
    const store = tempStore()
    const log = store.open()
    const server = createChatServer({ log, presenceGraceMs: 1000 })
    server.sweepPresence(10_000)
    expect(vi.getTimerCount()).toBe(3)
    server.close()
    expect(vi.getTimerCount()).toBe(0)
    await log.close()
    store.remove()
  })
})
