// @vitest-environment node
/** POST /api/ask: a deterministic reply built from the wall, streamed as OpenAI-style chunks, read with requestEvents. */
import { describe, expect, it } from 'vitest'
import type { ApiError, AskChunk } from '../../demo/shared/protocol'
import { requestEvents } from '../../src/fetch/index'
import { chatPerTest, type TestChat } from './helpers'

const start = chatPerTest()

async function ask(chat: TestChat, question: string) {
  let text = ''
  let chunks = 0
  for await (const { data } of requestEvents<AskChunk>(`${chat.base}/api/ask`, { body: { question } })) {
    text += data.choices[0]?.delta.content ?? ''
    chunks++
  }
  return { text, chunks }
}

describe('POST /api/ask', () => {
  it('streams a reply built from the question and the recent messages, word by word, then [DONE]', async () => {
    const chat = await start({ askTokenDelayMs: 1 })
    await chat.postMessage('ada', 'Ship it on <b>Friday</b>')
    const reply = await ask(chat, 'What is new?')
    expect(reply.text).toMatch(/^You asked “What is new\?”\. The wall holds 1 recent message from 1 person\./)
    // Chat text travels as text: the markup arrives as it was typed.
    expect(reply.text).toContain('ada said “Ship it on <b>Friday</b>”.')
    expect(reply.chunks).toBe(reply.text.split(' ').length)
    expect(await ask(chat, 'What is new?')).toEqual(reply)
  })

  it('answers a wrong question with a JSON 400 and streams nothing', async () => {
    const chat = await start()
    for (const question of ['', '   ', 'x'.repeat(201), 42]) {
      const response = await chat.post('/api/ask', { question })
      expect(response.status).toBe(400)
      expect((await response.json()) as ApiError).toMatchObject({ error: 'invalid_field', field: 'question' })
    }
    expect((await chat.post('/api/ask', { question: 'x'.repeat(9000) })).status).toBe(413)
    expect((await chat.request('/api/ask')).status).toBe(405)
  })
})
