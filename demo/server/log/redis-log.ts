import { createClient } from 'redis'
import type { ChatMessage } from '../../shared/protocol'
import { compareEventIds, parseEventId } from '../../shared/event-id'
import { readEntries, readStreamInfo, readStreamReply } from './redis-replies'
import { materialize, type Draft, type EventLog, type LoggedEvent, type LoggedType, type Replay } from './types'

export interface RedisLogOptions {
  url: string
  /** Keys start with it, so several demos can share one Redis. Default `chat:`. */
  prefix?: string
  /** About how many events the stream keeps (`XADD … MAXLEN ~`). Default 1000. */
  keep?: number
}

const BLOCK_MS = 5000

/**
 * Chat events in one Redis Stream, shared by every server process: XADD gives
 * each event its id (the SSE id), XRANGE replays after a Last-Event-ID, and one
 * blocking XREAD per process feeds its streams, in stream order.
 */
export async function openRedisLog({ url, prefix = 'chat:', keep = 1000 }: RedisLogOptions): Promise<EventLog> {
  const key = `${prefix}events`
  // RESP2: the flat replies redis-replies.ts reads.
  const client = createClient({ url, RESP: 2 })
  const reader = client.duplicate()
  for (const connection of [client, reader]) connection.on('error', (error: unknown) => console.error('redis:', error))
  await Promise.all([client.connect(), reader.connect()])
  const command = (...args: string[]): Promise<unknown> => client.sendCommand(args)

  const info = async () => {
    const exists = Number(await command('EXISTS', key)) > 0
    return exists ? readStreamInfo(await command('XINFO', 'STREAM', key)) : readStreamInfo([])
  }

  const listeners = new Set<(event: LoggedEvent) => void>()
  let running = true
  let readFrom = (await info()).lastId
  const follow = async () => {
    while (running) {
      try {
        const reply = await reader.sendCommand(['XREAD', 'BLOCK', String(BLOCK_MS), 'STREAMS', key, readFrom])
        for (const event of readStreamReply(reply)) {
          readFrom = event.id
          for (const listener of listeners) listener(event)
        }
      } catch (error) {
        if (running) console.error('redis: XREAD failed', error)
      }
    }
  }
  const following = follow()

  return {
    kind: 'redis',
    async append<T extends LoggedType>(type: T, draft: Draft<T>): Promise<LoggedEvent<T>> {
      const id = String(await command('XADD', key, 'MAXLEN', '~', String(keep), '*', 'type', type, 'body', JSON.stringify(draft)))
      return materialize(type, id, draft)
    },
    async replayAfter(id, limit): Promise<Replay> {
      const { lastId, trimmedThrough } = await info()
      // Only ids of the form Redis issues: a bare number from another store would replay everything.
      if (!/^\d+-\d+$/.test(id) || !parseEventId(id) || compareEventIds(id, lastId) > 0)
        return { kind: 'reset', reason: 'unknown-id', lastEventId: lastId }
      if (compareEventIds(id, trimmedThrough) < 0) return { kind: 'reset', reason: 'too-old', lastEventId: lastId }
      const reply = await command('XRANGE', key, `(${id}`, '+', 'COUNT', String(limit))
      const entries = Array.isArray(reply) ? (reply as unknown[]) : []
      const last = entries.at(-1)
      const next = entries.length === limit && Array.isArray(last) ? String(last[0]) : undefined
      return { kind: 'events', events: readEntries(reply), next }
    },
    async history(limit) {
      const newest = readEntries(await command('XREVRANGE', key, '+', '-', 'COUNT', String(keep)))
      const messages = newest
        .filter((event) => event.type === 'usermessage')
        .slice(0, limit)
        .reverse()
      const lastEventId = newest[0]?.id ?? (await info()).lastId
      return { lastEventId, messages: messages.map((event) => event.data as ChatMessage) }
    },
    async stats() {
      const { lastId, length } = await info()
      return { lastEventId: lastId, storedEvents: length }
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    presence: {
      async bind(clientId, username) {
        await command('HSET', `${prefix}clients`, clientId, username)
      },
      async usernameOf(clientId) {
        const name = await command('HGET', `${prefix}clients`, clientId)
        return typeof name === 'string' ? name : undefined
      },
      async setOnline(username, online) {
        return Number(await command(online ? 'SADD' : 'SREM', `${prefix}online`, username)) > 0
      },
      async online() {
        const names = await command('SMEMBERS', `${prefix}online`)
        return Array.isArray(names) ? names.map(String).sort((a, b) => a.localeCompare(b)) : []
      },
    },
    async close() {
      running = false
      listeners.clear()
      // The blocked XREAD ends with its connection.
      reader.destroy()
      await following
      client.destroy()
    },
  }
}
