import { request, type IncomingMessage } from 'node:http'
import { createParser } from 'eventsource-parser'

export interface RawEvent {
  id: string | undefined
  event: string | undefined
  data: string
}

/**
 * `/api/events` over plain `node:http`, so a test can stop reading it (`pause()`) as a stalled
 * client would. Events are parsed as they are read; `ended` resolves when the server closes it.
 */
export async function openRawStream(base: string, headers: Record<string, string> = {}) {
  const events: RawEvent[] = []
  const parser = createParser({ onEvent: (event) => events.push({ id: event.id, event: event.event, data: event.data }) })
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request(new URL('/api/events', base), { headers }, resolve).on('error', reject).end()
  })
  const ended = new Promise<void>((resolve) => {
    response.on('close', resolve)
    response.on('error', () => resolve())
  })
  response.setEncoding('utf8')
  response.on('data', (chunk: string) => parser.feed(chunk))
  return { response, events, ended, close: () => response.destroy() }
}
