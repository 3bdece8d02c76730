import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventSource } from 'eventsource'
import { vi } from 'vitest'
import { createChatServer, type ChatServer, type ChatServerOptions } from '../../demo/server/chat-server'
import type { ChatEventMap } from '../../demo/shared/protocol'

export type EventName = keyof ChatEventMap

export interface ReceivedEvent {
  type: EventName | 'message'
  id: string
  data: unknown
}

const EVENT_NAMES: (EventName | 'message')[] = ['usermessage', 'userconnect', 'userdisconnect', 'ping', 'reset', 'message']

export interface Stream {
  readonly source: EventSource
  /** Every event received, in order (pings only if asked for). */
  readonly events: ReceivedEvent[]
  of<T extends EventName>(type: T): { id: string; data: ChatEventMap[T] }[]
  /** Resolves once `count` events of `type` have arrived. */
  waitFor(type: EventName, count?: number): Promise<void>
  close(): void
}

export interface SSEOptions {
  /** Sent as the Last-Event-ID header on the first request, as a browser does on its own reconnect. */
  lastEventId?: string
  query?: Record<string, string>
  pings?: boolean
}

/** The chat server on a real HTTP server on 127.0.0.1, read with the `eventsource` package. */
export async function startChat(options: ChatServerOptions = {}) {
  // Long ping and keep-alive intervals unless a test is about them: the streams stay quiet.
  const chat: ChatServer = createChatServer({ pingIntervalMs: 60_000, keepAliveIntervalMs: 60_000, ...options })
  const server = createServer((req, res) => chat.handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const streams = new Set<Stream>()

  const request = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init)

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  const postMessage = async (username: string, text: string) => {
    const response = await post('/api/messages', { username, text })
    if (response.status !== 201) throw new Error(`POST /api/messages: ${response.status}`)
    return (await response.json()) as ChatEventMap['usermessage']
  }

  const stream = async ({ lastEventId, query = {}, pings = false }: SSEOptions = {}): Promise<Stream> => {
    const url = new URL('/api/events', base)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
    const source = new EventSource(url, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: lastEventId === undefined ? init.headers : { ...init.headers, 'Last-Event-ID': lastEventId },
        }),
    })
    const events: ReceivedEvent[] = []
    for (const type of EVENT_NAMES) {
      if (type === 'ping' && !pings) continue
      source.addEventListener(type, (event) => {
        events.push({ type, id: event.lastEventId, data: JSON.parse(event.data) as unknown })
      })
    }
    await new Promise<void>((resolve, reject) => {
      source.addEventListener('open', () => resolve(), { once: true })
      source.addEventListener('error', (event) => reject(new Error(`stream failed: ${event.message ?? ''}`)), {
        once: true,
      })
    })
    const handle: Stream = {
      source,
      events,
      of: <T extends EventName>(type: T) =>
        events
          .filter((event) => event.type === type)
          .map((event) => ({ id: event.id, data: event.data as ChatEventMap[T] })),
      waitFor: (type, count = 1) =>
        vi.waitFor(() => {
          if (handle.of(type).length < count) throw new Error(`waiting for ${count} ${type}`)
        }),
      close() {
        source.close()
        streams.delete(handle)
      },
    }
    streams.add(handle)
    return handle
  }

  return {
    chat,
    base,
    request,
    post,
    postMessage,
    stream,
    async close() {
      for (const open of streams) open.close()
      chat.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type TestChat = Awaited<ReturnType<typeof startChat>>
