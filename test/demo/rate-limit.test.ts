// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { chatPerTest, type TestChat } from './helpers'

const start = chatPerTest()

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client spent its burst, and lets it post again after', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const chat = await start({ rateLimit: { burst: 3, perSecond: 0.5 }, now: () => now })
    const message = { text: 'hi' }
    const post = (body: unknown) => chat.post('/api/messages', body, chat.as('ada'))
    for (let i = 0; i < 3; i++) expect((await post(message)).status).toBe(201)
    const limited = await post(message)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' })

    now += 1999
    expect((await post(message)).status).toBe(429)
    now += 1
    expect((await post(message)).status).toBe(201)
  })

  it('spends no token on a rejected post', async () => {
    const { post, as } = await start({ rateLimit: { burst: 1, perSecond: 0.001 } })
    expect((await post('/api/messages', { text: '' }, as('ada'))).status).toBe(400)
    expect((await post('/api/messages', { text: 'hi' })).status).toBe(401)
    expect((await post('/api/messages', { text: 'hi' }, as('ada'))).status).toBe(201)
    expect((await post('/api/messages', { text: 'hi' }, as('ada'))).status).toBe(429)
  })

  it('counts per client address, taken from X-Forwarded-For only when told to trust a proxy', async () => {
    const limit = { burst: 1, perSecond: 0.001 }
    const message = { text: 'hi' }
    const from = (chat: TestChat, address: string) => chat.post('/api/messages', message, { ...chat.as('ada'), 'X-Forwarded-For': address })
    const behindProxy = await start({ rateLimit: limit, trustProxy: true })
    expect((await from(behindProxy, '10.0.0.1')).status).toBe(201)
    expect((await from(behindProxy, '10.0.0.2')).status).toBe(201)
    expect((await from(behindProxy, '10.0.0.1')).status).toBe(429)
    await behindProxy.close()

    const direct = await start({ rateLimit: limit })
    expect((await from(direct, '10.0.0.1')).status).toBe(201)
    expect((await from(direct, '10.0.0.2')).status).toBe(429)
  })
})
