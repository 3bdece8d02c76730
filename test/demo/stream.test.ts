// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { createChatServer } from '../../demo/server/chat-server'
import { tempStore, chatPerTest } from './helpers'

const start = chatPerTest()

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

    const forgedName = await post('/api/join', { username: 'eve\nevent: reset', client: 'c' })
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
