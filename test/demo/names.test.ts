// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { ApiError, ChatMessage, Session } from '../../demo/shared/protocol'
import { chatPerTest } from './helpers'

const start = chatPerTest()

describe('names and text as people see them', () => {
  it.each([
    ['a zero-width space', '\u200b'],
    ['only invisible characters', ' \u200b\u200c\u200d\u2060\ufeff\u00ad '],
    ['a Hangul filler and a Braille blank', '\u3164\u2800'],
    ['a right-to-left override', 'admin\u202e'],
    ['a bidi isolate', '\u2067nimda'],
    ['a right-to-left mark', 'bob\u200f'],
    ['a C1 control', 'eve\u009b31m'],
    ['a next-line control', 'eve\u0085x'],
    ['a line separator', 'eve\u2028admin'],
    ['a bell', 'eve\u0007'],
  ])('refuses a name with %s', async (_name, username) => {
    const chat = await start()
    const response = await chat.post('/api/join', { username, client: 'c' })
    expect(response.status).toBe(400)
    expect((await response.json()) as ApiError).toMatchObject({ error: 'invalid_field', field: 'username' })
  })

  it('refuses text that is empty once invisible characters are removed', async () => {
    const chat = await start()
    for (const text of ['\u200b', '\u200b \u2060\n\u3164', '\ufeff\u00ad']) {
      const response = await chat.post('/api/messages', { text }, chat.as('ada'))
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ field: 'text' })
    }
  })

  it('normalizes names and text to NFC, and keeps names in any script, emoji sequences included', async () => {
    const chat = await start()
    const decomposed = 'Zoe\u0308' // e + combining diaeresis
    const joined = (await (await chat.post('/api/join', { username: decomposed, client: 'c' })).json()) as Session
    expect(joined.username).toBe('Zo\u00eb')
    const posted = await chat.post('/api/messages', { text: 'cafe\u0301' }, { Authorization: `Bearer ${joined.token}` })
    expect((await posted.json()) as ChatMessage).toMatchObject({ username: 'Zo\u00eb', text: 'caf\u00e9' })

    for (const username of ['سارة', '👩‍💻 dev', '山田']) {
      expect((await chat.post('/api/join', { username, client: 'c' })).status).toBe(200)
    }
  })
})
