// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { Session } from '../../demo/shared/protocol'
import { SSEClient } from '../../src/index'
import { fetchTransport } from '../../src/fetch/index'
import { chatPerTest } from './helpers'

const start = chatPerTest()

const streamStatus = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/events`, { headers }).then((response) => {
    if (response.ok) void response.body?.cancel() // a stream: enough to know it opened
    return response
  })

describe('session tokens on the stream', () => {
  it('a valid token opens the stream; an expired or forged one gets a 401; no token stays readable', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z')
    const chat = await start({ now: () => clock, sessionTtlMs: 60_000 })
    const created = await chat.request('/api/session', { method: 'POST' })
    expect(created.status).toBe(201)
    const session = (await created.json()) as Session
    expect(Date.parse(session.expiresAt)).toBe(clock + 60_000)
    const bearer = { Authorization: `Bearer ${session.token}` }

    expect((await streamStatus(chat.base, bearer)).status).toBe(200)
    expect((await streamStatus(chat.base)).status).toBe(200) // EventSource and curl, as before
    const forged = `${session.token.split('.').slice(0, 2).join('.')}.AAAA`
    const refused = await streamStatus(chat.base, { Authorization: `Bearer ${forged}` })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer')
    expect((await streamStatus(chat.base, { Authorization: `Bearer ${session.token}.extra` })).status).toBe(401)

    clock += 61_000
    const expired = await streamStatus(chat.base, bearer)
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({ error: 'unauthorized', message: 'the session token has expired' })
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
          token = ((await (await chat.request('/api/session', { method: 'POST' })).json()) as Session).token
          issued++
        }
        return { Authorization: `Bearer ${token}` }
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
