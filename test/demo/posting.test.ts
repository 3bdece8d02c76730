// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { ApiError, ChatHistory, Session } from '../../demo/shared/protocol'
import { chatPerTest } from './helpers'

const start = chatPerTest()

describe('POST /api/messages', () => {
  const invalid: [string, string, unknown, string][] = [
    ['no fields', '/api/join', {}, 'username'],
    ['an empty username', '/api/join', { username: '', client: 'c' }, 'username'],
    ['a blank username', '/api/join', { username: '   ', client: 'c' }, 'username'],
    ['a 33-character username', '/api/join', { username: 'a'.repeat(33), client: 'c' }, 'username'],
    ['a number as username', '/api/join', { username: 42, client: 'c' }, 'username'],
    ['no text', '/api/messages', {}, 'text'],
    ['an empty text', '/api/messages', { text: '' }, 'text'],
    ['a blank text', '/api/messages', { text: ' \n\t ' }, 'text'],
    ['a 501-character text', '/api/messages', { text: 'x'.repeat(501) }, 'text'],
    ['501 emoji', '/api/messages', { text: '😀'.repeat(501) }, 'text'],
    ['an array as text', '/api/messages', { text: ['hi'] }, 'text'],
    ['null as text', '/api/messages', { text: null }, 'text'],
  ]

  it.each(invalid)('answers 400 with a clear JSON error for %s', async (_name, path, body, field) => {
    const { post, request, as } = await start()
    const response = await post(path, body, as('ada'))
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const error = (await response.json()) as ApiError
    expect(error).toMatchObject({ error: 'invalid_field', field })
    expect(error.message).toMatch(new RegExp(field))
    const history = (await (await request('/api/history')).json()) as ChatHistory
    expect(history.messages).toEqual([])
  })

  it.each([
    ['not JSON', '{"username": "ada",', 'invalid_json'],
    ['a JSON array', '[1, 2]', 'invalid_body'],
    ['JSON null', 'null', 'invalid_body'],
  ])('answers 400 for a body that is %s', async (_name, body, code) => {
    const { post, as } = await start()
    const response = await post('/api/messages', body, as('ada'))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: code })
  })

  it('accepts the limits exactly, counting characters rather than UTF-16 units, and trims', async () => {
    const { post } = await start()
    for (const [username, text] of [
      ['a'.repeat(32), 'x'.repeat(500)],
      ['🦊'.repeat(32), '😀'.repeat(500)],
    ] as const) {
      const joined = (await (await post('/api/join', { username, client: 'c' })).json()) as Session
      expect(joined.username).toBe(username)
      const posted = await post('/api/messages', { text }, { Authorization: `Bearer ${joined.token}` })
      expect(await posted.json()).toMatchObject({ username, text })
    }
    const joined = (await (await post('/api/join', { username: '  ada  ', client: 'c' })).json()) as Session
    expect(joined.username).toBe('ada')
    const trimmed = await post('/api/messages', { text: '\n  hello  \n' }, { Authorization: `Bearer ${joined.token}` })
    expect(await trimmed.json()).toMatchObject({ username: 'ada', text: 'hello' })
  })

  it('answers 415 unless the body is declared as JSON', async () => {
    const { post, as } = await start()
    const response = await post('/api/messages', JSON.stringify({ text: 'hi' }), { ...as('ada'), 'Content-Type': 'text/plain' })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' })
  })

  it('answers 413 for a body over the cap, whether or not it declares its length', async () => {
    const { post, request, as } = await start({ maxBodyBytes: 1024 })
    const huge = JSON.stringify({ text: 'x'.repeat(2000) })
    const declared = await post('/api/messages', huge, as('ada'))
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({ error: 'body_too_large' })

    const streamed = await request('/api/messages', {
      method: 'POST',
      headers: { ...as('ada'), 'Content-Type': 'application/json' },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('answers 405 to other methods and 404 to unknown API paths', async () => {
    const { request } = await start()
    const wrongMethod = await request('/api/messages')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    expect((await request('/api/nope')).status).toBe(404)
    expect((await request('/api/__proto__')).status).toBe(404)
  })
})
