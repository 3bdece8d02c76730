/** `kill -9` of `npm run demo` in the middle of a burst of posts, three times: it starts again each time, and nothing acknowledged is lost. */
import { existsSync } from 'node:fs'
import { expect, it, vi } from 'vitest'
import { connectStream, joinAs, postWith } from '../demo/sse-client'
import { npmDemoPerTest } from './npm-demo'

const demo = npmDemoPerTest()
const { pages, store } = demo

/** Posts from `writers` clients at once until the server stops answering; resolves with the texts that got a 201. */
function burst(base: string, token: string, round: number, writers = 8) {
  const acknowledged: string[] = []
  let next = 0
  const writer = async () => {
    for (;;) {
      const text = `round ${round} post ${next++}`
      try {
        await postWith(base, token, text)
      } catch {
        return // the server is gone: what was in flight may or may not be stored, but it was never acknowledged
      }
      acknowledged.push(text)
    }
  }
  return { acknowledged, done: Promise.all(Array.from({ length: writers }, writer)) }
}

it('starts after kill -9 during a burst of posts, three times in a row: every acknowledged post is kept once, and the page resumes without a reload', async () => {
  const { url, run } = await demo.prepare({ CHAT_RATE_BURST: '100000', CHAT_RATE_PER_SECOND: '100000' })
  let running = await run()
  const watcher = await pages.open(demo.browser(), url)
  await watcher.join('watcher')
  await watcher.page.evaluate(() => Object.assign(window, { crashMarker: 'set before the crashes' }))

  const acknowledged: string[] = []
  const locksLeft: boolean[] = []
  for (let round = 1; round <= 3; round++) {
    const posts = burst(url, await joinAs(url, 'poster'), round)
    await vi.waitFor(() => expect(posts.acknowledged.length).toBeGreaterThanOrEqual(30), { timeout: 20_000 })
    await running.stop('SIGKILL')
    await posts.done
    locksLeft.push(existsSync(`${store.file}.lock`))
    acknowledged.push(...posts.acknowledged)
    await watcher.waitForStatus('reconnecting')
    running = await run() // it starts: this is what a lock left behind used to stop
    await watcher.waitForStatus('open')
  }
  console.log(`kill -9 left SQLite's lock behind ${locksLeft.filter(Boolean).length} times of 3; ${acknowledged.length} posts acknowledged`)

  // Everything the store kept, replayed from the start: each acknowledged post once.
  const everything = await connectStream(url, { lastEventId: '0' })
  const last = await postWith(url, await joinAs(url, 'poster'), 'after the crashes')
  await vi.waitFor(() => expect(everything.of('usermessage').at(-1)?.id).toBe(last.id), { timeout: 10_000 })
  everything.close()
  const stored = everything.of('usermessage').map((event) => event.data.text)
  expect(new Set(stored).size).toBe(stored.length)
  expect(acknowledged.filter((text) => !stored.includes(text))).toEqual([])

  // The page that stayed open through it all: no reload, and the same posts, once each.
  await watcher.page.getByTestId('message').filter({ hasText: 'after the crashes' }).waitFor()
  expect(await watcher.page.evaluate(() => Reflect.get(window, 'crashMarker') as unknown)).toBe('set before the crashes')
  const shown = (await watcher.messages()).map((message) => message.text)
  expect(shown).toEqual(stored)
  expect(watcher.pageErrors).toEqual([])
}, 120_000)
