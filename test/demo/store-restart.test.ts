// @vitest-environment node
import { afterEach, expect, it } from 'vitest'
import type { ChatHistory } from '../../demo/shared/protocol'
import { startChat, tempStore } from './helpers'

const store = tempStore()
const running: { stop(): Promise<void> }[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()))
  store.remove()
})

/** A chat server on the store's file, as `npm run demo` opens it at each start; `stop` closes the store too. */
async function start() {
  const log = store.open()
  const chat = await startChat({ log, presenceGraceMs: 60_000 })
  const server = {
    ...chat,
    async stop() {
      running.splice(running.indexOf(server), 1)
      await chat.close()
      await log.close()
    },
  }
  running.push(server)
  return server
}

it('keeps messages, ids and presence across a restart, and replays exactly the missed events from a Last-Event-ID of before it', async () => {
  const before = await start()
  const tab = await before.stream({ query: { client: 'tab-1' } })
  await before.post('/api/join', { username: 'ada', client: 'tab-1' })
  const seen = await before.postMessage('ada', 'seen before the restart')
  const missed = [await before.postMessage('bob', 'missed 1'), await before.postMessage('bob', 'missed 2')]
  tab.close()
  await before.stop()

  const after = await start()
  const history = (await (await after.request('/api/history')).json()) as ChatHistory
  expect(history.messages).toEqual([seen, ...missed])
  expect(history.users).toEqual(['ada'])
  expect(history.lastEventId).toBe(missed[1]?.id)

  const resumed = await after.stream({ lastEventId: seen.id })
  await resumed.waitFor('usermessage', 2)
  const live = await after.postMessage('ada', 'after the restart')
  await resumed.waitFor('usermessage', 3)
  expect(resumed.events).toEqual([...missed, live].map((data) => ({ type: 'usermessage', id: data.id, data })))
  // Ids go on from where they were: the first id after the restart is the next number.
  expect(Number(live.id)).toBe(Number(missed[1]?.id) + 1)
})

it('announces, after a restart, the users whose tabs did not come back, and only them', async () => {
  const before = await start()
  const tabs = [await before.stream({ query: { client: 'tab-ada' } }), await before.stream({ query: { client: 'tab-bob' } })]
  await before.post('/api/join', { username: 'ada', client: 'tab-ada' })
  await before.post('/api/join', { username: 'bob', client: 'tab-bob' })
  for (const tab of tabs) tab.close()
  await before.stop()

  const after = await start()
  const observer = await after.stream()
  await after.stream({ query: { client: 'tab-ada' } }) // ada's tab reconnects; bob's does not
  after.chat.sweepPresence(50)
  await observer.waitFor('userdisconnect')
  expect(observer.events.map((event) => [event.type, (event.data as { username: string }).username])).toEqual([['userdisconnect', 'bob']])
  const history = (await (await after.request('/api/history')).json()) as ChatHistory
  expect(history.users).toEqual(['ada'])
})
