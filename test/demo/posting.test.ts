// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { ApiError, ChatHistory } from '../../demo/shared/protocol'
import { chatPerTest } from './helpers'

const start = chatPerTest()

describe('POST /api/messages', () => {
  const invalid: [string, unknown, string][] = [
    ['no fields', {}, 'username'],
    ['an empty username', { username: '', text: 'hi' }, 'username'],
    ['a blank username', { username: '   ', text: 'hi' }, 'username'],
    ['a 33-character username', { username: 'a'.repeat(33), text: 'hi' }, 'username'],
    ['a number as username', { username: 42, text: 'hi' }, 'username'],
    ['an empty text', { username: 'ada', text: '' }, 'text'],
    ['a blank text', { username: 'ada', text: ' \n\t ' }, 'text'],
    ['a 501-character text', { username: 'ada', text: 'x'.repeat(501) }, 'text'],
    ['501 emoji', { username: 'ada', text: '😀'.repeat(501) }, 'text'],
    ['an array as text', { username: 'ada', text: ['hi'] }, 'text'],
    ['null as text', { username: 'ada', text: null }, 'text'],
  ]

  it.each(invalid)('answers 400 with a clear JSON error for %s', async (_name, body, field) => {
    const { post, request } = await start()
    const response = await post('/api/messages', body)
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
    const { post } = await start()
    const response = await post('/api/messages', body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: code })
  })

  it('accepts the limits exactly, counting characters rather than UTF-16 units, and trims', async () => {
    const { post } = await start()
    for (const body of [
      { username: 'a'.repeat(32), text: 'x'.repeat(500) },
      { username: '🦊'.repeat(32), text: '😀'.repeat(500) },
    ]) {
      expect((await post('/api/messages', body)).status).toBe(201)
    }
    const trimmed = await post('/api/messages', { username: '  ada  ', text: '\n  hello  \n' })
    expect(await trimmed.json()).toMatchObject({ username: 'ada', text: 'hello' })
  })

  it('answers 415 unless the body is declared as JSON', async () => {
    const { post } = await start()
    const response = await post('/api/messages', JSON.stringify({ username: 'ada', text: 'hi' }), {
      'Content-Type': 'text/plain',
    })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' })
  })

  it('answers 413 for a body over the cap, whether or not it declares its length', async () => {
    const { post, request } = await start({ maxBodyBytes: 1024 })
    const huge = JSON.stringify({ username: 'ada', text: 'x'.repeat(2000) })
    const declared = await post('/api/messages', huge)
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({ error: 'body_too_large' })

    const streamed = await request('/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
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
