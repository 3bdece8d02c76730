// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ChatHistory } from '../../demo/shared/protocol'
import { redisServerPath, startDemoServer, startRedis } from './processes'
import { openRawStream } from './raw-stream'
import { connectStream, joinAs, postMessage, postWith, type Stream } from './sse-client'

const binary = redisServerPath()
if (!binary) {
  const message = 'no redis-server binary: install it (apt-get install redis-server; .ci/run does) to run the Redis tests'
  // CI installs it, so there a missing binary is a broken setup, not a reason to skip.
  if (process.env.REQUIRE_REDIS === '1') throw new Error(message)
  console.warn(`Skipping the Redis tests: ${message}.`)
}

describe.skipIf(!binary)('two server processes on one Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  const streams: Stream[] = []

  beforeAll(async () => {
    redis = await startRedis(binary ?? 'redis-server')
  }, 30_000)

  afterAll(async () => {
    for (const stream of streams) stream.close()
    await redis?.stop()
  })

  it('share one wall, and a client of a process that dies resumes on the other with nothing lost or doubled', async () => {
    const env = { REDIS_URL: redis.url, CHAT_RATE_BURST: '100' }
    const [a, b] = await Promise.all([startDemoServer(env), startDemoServer(env)])
    try {
      const onA = await connectStream(a.base)
      const onB = await connectStream(b.base)
      streams.push(onA, onB)
      const first = [await postMessage(a.base, 'ada', 'to A, read on B'), await postMessage(b.base, 'bob', 'to B, read on A')]
      for (const stream of [onA, onB]) await stream.waitFor('usermessage', 2)
      for (const stream of [onA, onB]) {
        expect(stream.events).toEqual(first.map((data) => ({ type: 'usermessage', id: data.id, data })))
      }
      // Stream ids from Redis, the same on both processes.
      expect(first[0]?.id).toMatch(/^\d+-\d+$/)

      onA.close()
      await a.stop('SIGKILL')
      const missed = [await postMessage(b.base, 'bob', 'while the client was away'), await postMessage(b.base, 'bob', 'and more')]
      const resumed = await connectStream(b.base, { lastEventId: onA.events.at(-1)?.id ?? '' })
      streams.push(resumed)
      await resumed.waitFor('usermessage', 2)
      const live = await postMessage(b.base, 'ada', 'live after the move')
      await resumed.waitFor('usermessage', 3)
      expect(resumed.events).toEqual([...missed, live].map((data) => ({ type: 'usermessage', id: data.id, data })))

      const history = (await (await fetch(`${b.base}/api/history`)).json()) as ChatHistory
      expect(history.messages).toEqual([...first, ...missed, live])
    } finally {
      await Promise.all([a.stop('SIGKILL'), b.stop()])
    }
  }, 60_000)

  it('replays a page at a time from Redis too: a client 250 events behind gets every one, in order, once', async () => {
    const demo = await startDemoServer({ REDIS_URL: redis.url, CHAT_RATE_BURST: '1000' })
    try {
      const token = await joinAs(demo.base, 'ada')
      const sent = []
      for (let n = 0; n < 251; n++) sent.push(await postWith(demo.base, token, `message ${n}`))
      const behind = await openRawStream(demo.base, { 'Last-Event-ID': sent[0]?.id ?? '' })
      await vi.waitFor(() => expect(behind.events.length).toBeGreaterThanOrEqual(250), { timeout: 10_000 })
      const live = await postWith(demo.base, token, 'live')
      await vi.waitFor(() => expect(behind.events.length).toBe(251))
      expect(behind.events.map((event) => event.id)).toEqual([...sent.slice(1), live].map((message) => message.id))
      behind.close()
    } finally {
      await demo.stop()
    }
  }, 60_000)
})
