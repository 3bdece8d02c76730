// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { ChatHistory, Session } from '../../demo/shared/protocol'
import { SSEClient } from '../../src/index'
import { fetchTransport } from '../../src/fetch/index'
import { chatPerTest, type TestChat } from './helpers'

const start = chatPerTest()

const streamStatus = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/events`, { headers }).then((response) => {
    if (response.ok) void response.body?.cancel() // a stream: enough to know it opened
    return response
  })

const join = async (chat: TestChat, username: string, client = `browser-${username}`) =>
  (await (await chat.post('/api/join', { username, client })).json()) as Session
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const forge = (token: string) => `${token.split('.').slice(0, 3).join('.')}.AAAA`
/** The token with another name in it, and the signature it had. */
const rename = (token: string, username: string) => {
  const [expires, nonce, , signature] = token.split('.')
  return [expires, nonce, Buffer.from(username).toString('base64url'), signature].join('.')
}

describe('names bound to sessions', () => {
  it('join answers a token bound to the name; a post with it goes under that name, whatever the body says', async () => {
    const chat = await start()
    const alice = await join(chat, 'alice')
    expect(alice).toMatchObject({ username: 'alice', token: expect.stringMatching(/^\d+\.[\w-]+\.[\w-]+\.[\w-]+$/) as string })
    const posted = await chat.post('/api/messages', { username: 'bob', text: 'hi' }, bearer(alice.token))
    expect(posted.status).toBe(201)
    expect(await posted.json()).toMatchObject({ username: 'alice', text: 'hi' })
  })

  it('refuses a post with no token, a forged one, one renamed, or an expired one, and stores none of them', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z')
    const chat = await start({ now: () => clock, sessionTtlMs: 60_000 })
    const alice = await join(chat, 'alice')
    const refused = [
      await chat.post('/api/messages', { username: 'alice', text: 'no token' }),
      await chat.post('/api/messages', { text: 'forged' }, bearer(forge(alice.token))),
      await chat.post('/api/messages', { text: 'renamed' }, bearer(rename(alice.token, 'mallory'))),
      await chat.post('/api/messages', { text: 'not a token' }, { Authorization: 'Basic YWxpY2U6eA==' }),
    ]
    clock += 60_001
    refused.push(await chat.post('/api/messages', { text: 'expired' }, bearer(alice.token)))
    for (const response of refused) {
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(await response.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/join/) as string })
    }
    expect(((await (await chat.request('/api/history')).json()) as ChatHistory).messages).toEqual([])
  })

  it('two users who joined each post as themselves', async () => {
    const chat = await start()
    const [ada, bob] = [await join(chat, 'ada'), await join(chat, 'bob')]
    await chat.post('/api/messages', { text: 'from ada' }, bearer(ada.token))
    await chat.post('/api/messages', { username: 'ada', text: 'from bob' }, bearer(bob.token))
    const { messages } = (await (await chat.request('/api/history')).json()) as ChatHistory
    expect(messages.map(({ username, text }) => [username, text])).toEqual([
      ['ada', 'from ada'],
      ['bob', 'from bob'],
    ])
  })

  it('POST /api/session renews a valid token for the same name, and refuses an expired one', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z')
    const chat = await start({ now: () => clock, sessionTtlMs: 60_000 })
    const ada = await join(chat, 'ada')
    clock += 30_000
    const renewed = await chat.post('/api/session', {}, bearer(ada.token))
    expect(renewed.status).toBe(201)
    const fresh = (await renewed.json()) as Session
    expect(fresh).toMatchObject({ username: 'ada', expiresAt: new Date(clock + 60_000).toISOString() })
    expect((await chat.post('/api/session', {})).status).toBe(401)
    clock += 60_000
    expect((await chat.post('/api/session', {}, bearer(ada.token))).status).toBe(401)
    expect((await chat.post('/api/messages', { text: 'still me' }, bearer(fresh.token))).status).toBe(401)
  })
})

describe('session tokens on the stream', () => {
  it('the wall is readable without a token; a valid token opens the stream; an expired or forged one gets a 401', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z')
    const chat = await start({ now: () => clock, sessionTtlMs: 60_000 })
    const { token } = await join(chat, 'ada')
    expect((await streamStatus(chat.base)).status).toBe(200) // EventSource and curl, as a public wall
    expect((await streamStatus(chat.base, bearer(token))).status).toBe(200)
    expect((await streamStatus(chat.base, bearer(forge(token)))).status).toBe(401)
    expect((await streamStatus(chat.base, bearer(`${token}.extra`))).status).toBe(401)
    clock += 61_000
    const expired = await streamStatus(chat.base, bearer(token))
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({ error: 'unauthorized', message: 'the session token has expired: join again' })
  })

  it('the fetch transport meets an expired token with a fresh one and opens the stream at once', async () => {
    let clock = Date.now()
    const chat = await start({ now: () => clock, sessionTtlMs: 60_000 })
    const reasons: string[] = []
    let token = ''
    let issued = 0
    const transport = fetchTransport({
      headers: async (reason) => {
        reasons.push(reason)
        if (!token || reason === 'unauthorized') {
          token = (await join(chat, 'ada')).token
          issued++
        }
        return bearer(token)
      },
      key: 'session',
    })
    const client = new SSEClient({ transport, closeDelay: 0 })
    const url = `${chat.base}/api/events`
    const stop = client.subscribeState(url, () => {})
    await vi.waitFor(() => expect(client.getSnapshot(url).status).toBe('open'))

    clock += 120_000 // the token expires; the next connection carries it
    client.reconnect(url)
    await vi.waitFor(() => expect(client.getSnapshot(url)).toMatchObject({ status: 'open', error: null }))
    expect(reasons).toEqual(['connect', 'connect', 'unauthorized'])
    expect(issued).toBe(2)
    stop()
  })
})
