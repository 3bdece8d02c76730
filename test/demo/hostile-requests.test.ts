// @vitest-environment node
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDemoServer } from './processes'

let demo: Awaited<ReturnType<typeof startDemoServer>>
const TIMEOUT_MS = 1000

beforeAll(async () => {
  demo = await startDemoServer({ CHAT_DB: ':memory:', REQUEST_TIMEOUT_MS: String(TIMEOUT_MS), CHAT_RATE_BURST: '10000' })
}, 30_000)

afterAll(() => demo?.stop())

/** A raw connection to the demo that sends `head` and then as much of a body as given, and no more. */
async function send(head: string, partialBody = ''): Promise<Socket> {
  const url = new URL(demo.base)
  const socket = connect(Number(url.port), url.hostname)
  await once(socket, 'connect')
  socket.write(`${head}\r\n${partialBody}`)
  return socket
}

const upload = (length: number) => `POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n`

describe('a client that hangs up or stalls', () => {
  it('an aborted upload logs one line', async () => {
    const before = demo.output().split('\n').length
    const aborts = 50
    for (let n = 0; n < aborts; n++) {
      const socket = await send(upload(1000), '{"username": "half')
      await vi.waitFor(() => expect(socket.bytesWritten).toBeGreaterThan(0))
      socket.destroy()
    }
    const logged = () =>
      demo
        .output()
        .split('\n')
        .slice(before - 1)
        .filter(Boolean)
    await vi.waitFor(() => expect(logged().length).toBeGreaterThanOrEqual(aborts))
    // Anything late would be another line per abort: give it a request's worth of time to show.
    await fetch(`${demo.base}/api/stats`)
    expect(logged()).toHaveLength(aborts)
    expect(new Set(logged())).toEqual(new Set(['POST /api/join: the client went away (ECONNRESET)']))
  })

  it('drops a body that stops halfway within the timeout, with a 408', async () => {
    const started = performance.now()
    const socket = await send(upload(1000), '{"username": "slo')
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    await once(socket, 'close')
    const elapsed = performance.now() - started
    console.log(`a stalled body was dropped after ${Math.round(elapsed)} ms (timeout ${TIMEOUT_MS} ms)`)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    // The timeout, plus at most one of Node's checks (every second at most).
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000 + 500)
  })

  it('drops headers that never end within the timeout', async () => {
    const socket = await send('GET /api/history HTTP/1.1\r\nHost: x')
    socket.resume()
    const started = performance.now()
    await once(socket, 'close')
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1000 + 500)
  })

  it('keeps a stream open past the timeout: its request was complete', async () => {
    const controller = new AbortController()
    const response = await fetch(`${demo.base}/api/events`, { signal: controller.signal })
    const reader = response.body!.getReader()
    let received = ''
    const deadline = performance.now() + TIMEOUT_MS * 2.5
    while (performance.now() < deadline) {
      const { value, done } = await reader.read()
      expect(done).toBe(false)
      received += new TextDecoder().decode(value)
    }
    expect(received).toContain('event: ping')
    controller.abort()
  })
})
