// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { ChatHistory, ChatStats } from '../../demo/shared/protocol'
import { chatPerTest } from './helpers'

const start = chatPerTest()

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

  it('counts the clients with a stream open, and the streams of the client a page asks about', async () => {
    const { request, stream } = await start()
    const stats = async (query = '') => (await (await request(`/api/stats${query}`)).json()) as ChatStats
    expect(await stats('?client=browser-1')).toMatchObject({ connections: 0, clients: 0, clientConnections: 0 })
    await stream() // a plain EventSource client that names none: a stream, not a client
    const first = await stream({ query: { client: 'browser-1' } })
    await stream({ query: { client: 'browser-1' } })
    await stream({ query: { client: 'browser-2' } })
    expect(await stats('?client=browser-1')).toMatchObject({ connections: 4, clients: 2, clientConnections: 2 })
    expect(await stats('?client=browser-2')).toMatchObject({ clientConnections: 1 })
    expect(await stats('?client=browser-3')).toMatchObject({ clientConnections: 0 })
    expect(await stats()).not.toHaveProperty('clientConnections')
    first.close()
    await vi.waitFor(async () =>
      expect(await stats('?client=browser-1')).toMatchObject({ connections: 3, clients: 2, clientConnections: 1 }),
    )
  })

  it('answers 400 to stats about a malformed client id', async () => {
    const { request } = await start()
    for (const client of ['%0Aevil', 'x'.repeat(65), '']) {
      const response = await request(`/api/stats?client=${client}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: 'invalid_field', field: 'client' })
    }
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
