import { EventSource } from 'eventsource'
import { vi } from 'vitest'
import type { ChatEventMap, Session } from '../../demo/shared/protocol'

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

export interface StreamOptions {
  /** Sent as the Last-Event-ID header on the first request, as a browser does on its own reconnect. */
  lastEventId?: string
  query?: Record<string, string>
  pings?: boolean
}

/** `/api/events` of the server at `base`, read with the `eventsource` package; resolves once open. */
export async function connectStream(base: string, { lastEventId, query = {}, pings = false }: StreamOptions = {}): Promise<Stream> {
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
      events.filter((event) => event.type === type).map((event) => ({ id: event.id, data: event.data as ChatEventMap[T] })),
    waitFor: (type, count = 1) =>
      vi.waitFor(() => {
        if (handle.of(type).length < count) throw new Error(`waiting for ${count} ${type}`)
      }),
    close: () => source.close(),
  }
  return handle
}

/** POSTs JSON to the server at `base`. */
export const postJson = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

/** Joins as `username` (from a client of that name unless told) and resolves with the session token bound to it. */
export async function joinAs(base: string, username: string, client = `as-${username.replace(/\W/g, '') || 'x'}`): Promise<string> {
  const response = await postJson(base, '/api/join', { username, client })
  if (response.status !== 200) throw new Error(`POST /api/join: ${response.status} ${await response.text()}`)
  return ((await response.json()) as Session).token
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** Posts a chat message with `token` and resolves with the server's copy; throws unless it was accepted. */
export async function postWith(base: string, token: string, text: string) {
  const response = await postJson(base, '/api/messages', { text }, bearer(token))
  if (response.status !== 201) throw new Error(`POST /api/messages: ${response.status}`)
  return (await response.json()) as ChatEventMap['usermessage']
}

/** Joins as `username`, then posts as them: for a server in another process, whose secret the test does not know. */
export async function postMessage(base: string, username: string, text: string) {
  return postWith(base, await joinAs(base, username), text)
}
