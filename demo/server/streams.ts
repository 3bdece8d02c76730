import type { ServerResponse } from 'node:http'
import { compareEventIds } from '../shared/event-id'
import type { ResetEvent } from '../shared/protocol'
import type { EventLog, LoggedEvent } from './log/types'
import { formatEvent, STREAM_HEADERS } from './sse'

/** A client that reads this far behind is dropped; it reconnects and resumes from its last id. */
const MAX_BUFFERED_BYTES = 1 << 20

interface Client {
  res: ServerResponse
  /** Live events that arrived while the replay was being read; null once live. */
  pending: LoggedEvent[] | null
}

export interface StreamHubOptions {
  log: EventLog
  retryMs: number
  pingIntervalMs: number
  keepAliveIntervalMs: number
  isoNow: () => string
}

/** This process's open `/api/events` responses: replay, then live events from the log, pings and keep-alives. */
export function createStreamHub({ log, retryMs, pingIntervalMs, keepAliveIntervalMs, isoNow }: StreamHubOptions) {
  const clients = new Set<Client>()

  const write = (client: Client, chunk: string) => {
    if (client.res.writableLength > MAX_BUFFERED_BYTES) return void client.res.destroy()
    client.res.write(chunk)
  }
  const send = (client: Client, event: LoggedEvent) => write(client, formatEvent(event.type, event.data, event.id))
  const broadcast = (chunk: string) => {
    for (const client of clients) if (!client.pending) write(client, chunk)
  }

  const stopLive = log.onEvent((event) => {
    for (const client of clients) {
      if (client.pending) client.pending.push(event)
      else send(client, event)
    }
  })
  const pingTimer = setInterval(() => broadcast(formatEvent('ping', { time: isoNow() })), pingIntervalMs)
  const keepAliveTimer = setInterval(() => broadcast(': keep-alive\n\n'), keepAliveIntervalMs)

  return {
    /** Starts the stream; with `from`, first the events after it (or a reset), with nothing lost or sent twice. */
    async open(res: ServerResponse, from: string | undefined, onClose: () => void): Promise<void> {
      res.writeHead(200, STREAM_HEADERS)
      res.socket?.setNoDelay(true)
      res.write(`retry: ${retryMs}\n\n`)
      const client: Client = { res, pending: from === undefined ? null : [] }
      clients.add(client)
      res.on('close', () => {
        clients.delete(client)
        onClose()
      })
      if (from === undefined) return
      const replay = await log.replayAfter(from)
      let sentThrough = from
      if (replay.kind === 'events') {
        for (const event of replay.events) send(client, event)
        sentThrough = replay.events.at(-1)?.id ?? from
      } else {
        const reset: ResetEvent = { reason: replay.reason, lastEventId: replay.lastEventId }
        // Carries the current id, so the client's next reconnect resumes from here.
        write(client, formatEvent('reset', reset, replay.lastEventId))
        sentThrough = replay.lastEventId
      }
      const pending = client.pending ?? []
      client.pending = null
      for (const event of pending) if (compareEventIds(event.id, sentThrough) > 0) send(client, event)
    },
    count: () => clients.size,
    close() {
      stopLive()
      clearInterval(pingTimer)
      clearInterval(keepAliveTimer)
      for (const client of clients) client.res.end()
      clients.clear()
    },
  }
}
