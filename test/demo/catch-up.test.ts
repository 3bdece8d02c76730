// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LoggedEvent } from '../../demo/server/log/types'
import { fillStore } from './fill-store'
import { chatPerTest, tempStore, type TestChat } from './helpers'
import { openRawStream } from './raw-stream'
import { measureResumeLoad } from './resume-load'

const start = chatPerTest()
const store = tempStore(6000)
afterEach(() => store.remove())

// 500 control characters are 3,000 bytes of JSON: the largest message a client can post.
const bulky = (n: number) => `${n} ${'\u0001'.repeat(495)}`

async function append(chat: TestChat, count: number): Promise<LoggedEvent[]> {
  const added: LoggedEvent[] = []
  for (let n = 0; n < count; n++) added.push(await chat.log.append('usermessage', { username: 'ada', text: bulky(n), time: '' }))
  return added
}

const idsOf = (events: { id: string | undefined; event: string | undefined }[]) =>
  events.filter((event) => event.event === 'usermessage').map((event) => event.id)

describe('catching up', () => {
  it('a client 5,000 events of 3 KB behind resumes and receives every one, in order, once, then the live ones', async () => {
    await fillStore(store.file, 5000, bulky)
    const chat = await start({ log: store.open() })
    const behind = Array.from({ length: 5000 }, (_, n) => ({ id: String(n + 1) }))

    const started = performance.now()
    const stream = await openRawStream(chat.base, { 'Last-Event-ID': '0' })
    await vi.waitFor(() => expect(stream.events.length).toBeGreaterThanOrEqual(5000), { timeout: 30_000, interval: 50 })
    console.log(`caught up on 5,000 events of 3 KB in ${Math.round(performance.now() - started)} ms`)
    const live = await chat.log.append('usermessage', { username: 'bob', text: 'live', time: '' })
    await vi.waitFor(() => expect(stream.events.length).toBe(5001))
    expect(idsOf(stream.events)).toEqual([...behind, live].map((event) => event.id))
    expect(stream.events[4999]?.data.length).toBeGreaterThan(3000)
    expect(JSON.parse(stream.events[4999]?.data ?? '')).toMatchObject({ text: bulky(4999) })
    stream.close()
    await chat.close()
    await chat.log.close()
  }, 60_000)

  it('drops a live client that stops reading once 1 MiB waits for it, and it resumes from the last event it got', async () => {
    const chat = await start({ keep: 20_000 })
    const stream = await openRawStream(chat.base)
    const first = await append(chat, 10)
    await vi.waitFor(() => expect(stream.events).toHaveLength(10))
    stream.response.pause() // a client that stops reading, with its socket open

    const sent = [...first]
    const open = async () => (await (await chat.request('/api/stats')).json()) as { connections: number }
    // Bounded: the kernel's socket buffers fill first, then the server's 1 MiB.
    for (let batch = 0; batch < 40 && (await open()).connections > 0; batch++) sent.push(...(await append(chat, 250)))
    expect((await open()).connections).toBe(0)
    stream.response.resume()
    await stream.ended
    const got = idsOf(stream.events)
    expect(got.length).toBeLessThan(sent.length)
    expect(got).toEqual(sent.slice(0, got.length).map((event) => event.id))

    const resumed = await openRawStream(chat.base, { 'Last-Event-ID': got.at(-1) ?? '0' })
    await vi.waitFor(() => expect(resumed.events.length).toBe(sent.length - got.length), { timeout: 30_000 })
    expect([...got, ...idsOf(resumed.events)]).toEqual(sent.map((event) => event.id))
    console.log(
      `a stalled client was dropped after ${sent.length} events of 3 KB and resumed with the ${sent.length - got.length} it missed`,
    )
    resumed.close()
  }, 60_000)

  // In this file, after the others: two load tests at once on a small machine would measure each other.
  it("answers the page's GET within 500 ms while 300 clients resume from the oldest id", async () => {
    const { finishedMs, latencies } = await measureResumeLoad(300, 1000)
    const sorted = [...latencies].sort((a, b) => a - b)
    const worst = sorted.at(-1) ?? 0
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0
    console.log(
      `300 resumes of 999 events took ${finishedMs} ms; GET /api/history meanwhile, ${latencies.length} times: ` +
        `median ${Math.round(median)} ms, worst ${Math.round(worst)} ms`,
    )
    expect(latencies.length).toBeGreaterThan(3)
    expect(worst).toBeLessThan(500)
  }, 120_000)
})
