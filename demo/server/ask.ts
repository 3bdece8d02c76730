import type { IncomingMessage, ServerResponse } from 'node:http'
import { LIMITS, type AskChunk, type ChatMessage } from '../shared/protocol'
import { fieldError, readJsonObject } from './http'
import { STREAM_HEADERS } from './sse'

export interface AskOptions {
  /** The recent messages a reply is built from, oldest first. */
  recent: () => Promise<readonly ChatMessage[]>
  /** Larger bodies get 413. */
  maxBodyBytes: number
  /** The pause between two tokens. Default 40 ms. */
  tokenDelayMs?: number
}

/** Quoted chat text is cut to this many characters, so a reply stays a few seconds long. */
const QUOTE_MAX = 80

const quote = (text: string) => {
  const chars = [...text.replace(/\s+/g, ' ')]
  return `“${chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join('')}…` : chars.join('')}”`
}

/** The reply: the question and the last messages in plain words, the same every time (there is no model). */
export function askReply(question: string, messages: readonly ChatMessage[]): string {
  const last = messages.slice(-3)
  const people = new Set(messages.map((message) => message.username)).size
  return [
    `You asked ${quote(question)}.`,
    messages.length === 0
      ? 'The wall is quiet: nobody has written yet.'
      : `The wall holds ${messages.length} recent ${messages.length === 1 ? 'message' : 'messages'} from ${people} ${people === 1 ? 'person' : 'people'}.`,
    ...last.map((message) => `${message.username} said ${quote(message.text)}.`),
    'This is not a model: the reply is built from the wall and sent word by word as OpenAI-style chunks,',
    'so you can watch useSSERequest fold them into text, and stop it halfway.',
  ].join(' ')
}

export function readQuestion(value: unknown): string {
  if (typeof value !== 'string') throw fieldError('question', 'question must be a string')
  const question = value.trim()
  const length = [...question].length
  if (length < 1 || length > LIMITS.questionMax) {
    throw fieldError('question', `question must be 1 to ${LIMITS.questionMax} characters`)
  }
  return question
}

const chunk = (content: string): string => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] } satisfies AskChunk)}\n\n`

/**
 * `POST /api/ask` with `{ question }`: the reply as an event stream of OpenAI-style chunks, one word
 * each, then `data: [DONE]`. Chat text travels as JSON strings, never as markup. A client that goes
 * away stops the stream; `close()` stops every one.
 */
export function createAsk({ recent, maxBodyBytes, tokenDelayMs = 40 }: AskOptions) {
  const running = new Set<ServerResponse>()
  const ask = async (req: IncomingMessage, res: ServerResponse, admit: () => void) => {
    const question = readQuestion((await readJsonObject(req, maxBodyBytes)).question)
    admit()
    const words = askReply(question, await recent()).match(/\S+\s*/g) ?? []
    res.writeHead(200, STREAM_HEADERS)
    running.add(res)
    let next = 0
    const timer = setInterval(() => {
      const word = words[next++]
      if (word !== undefined) return void res.write(chunk(word))
      clearInterval(timer)
      res.end('data: [DONE]\n\n')
    }, tokenDelayMs)
    res.on('close', () => {
      clearInterval(timer)
      running.delete(res)
    })
  }
  return {
    ask,
    close() {
      for (const res of running) res.destroy()
    },
  }
}
