import type { ServerResponse } from 'node:http'
import type { EventLog, LoggedEvent } from './log/types'
import { hold, replay, type CatchUp } from './replay'
import { formatEvent, STREAM_HEADERS } from './sse'
import { createWorkQueue } from './work-queue'

/** A live client that reads this far behind is dropped; it reconnects and resumes from its last id. */
const MAX_BUFFERED_BYTES = 1 << 20
/** Replay pages read at once, across every resuming client. */
const REPLAY_READS = 8

interface Client {
  res: ServerResponse
  /** While the replay is being sent; null once live. */
  catchUp: CatchUp | null
}

export interface StreamHubOptions {
  log: EventLog
  retryMs: number
  pingIntervalMs: number
  keepAliveIntervalMs: number
  isoNow: () => string
  /** Bytes a live client may leave unread before it is dropped. Default 1 MiB. */
  maxBufferedBytes?: number
}

/** This process's open `/api/events` responses: replay, then live events from the log, pings and keep-alives. */
export function createStreamHub({ log, retryMs, pingIntervalMs, keepAliveIntervalMs, isoNow, ...options }: StreamHubOptions) {
  const { maxBufferedBytes = MAX_BUFFERED_BYTES } = options
  const clients = new Set<Client>()
  const reads = createWorkQueue(REPLAY_READS)

  // Only live clients come here: a replay writes as the socket drains instead.
  const write = (client: Client, chunk: string) => {
    if (client.res.writableLength > maxBufferedBytes) return void client.res.destroy()
    client.res.write(chunk)
  }
  const broadcast = (chunk: string) => {
    for (const client of clients) if (!client.catchUp) write(client, chunk)
  }

  const stopLive = log.onEvent((event: LoggedEvent) => {
    for (const client of clients) {
      if (client.catchUp) hold(client.catchUp, event)
      else write(client, formatEvent(event.type, event.data, event.id))
    }
  })
  const pingTimer = setInterval(() => broadcast(formatEvent('ping', { time: isoNow() })), pingIntervalMs)
  const keepAliveTimer = setInterval(() => broadcast(': keep-alive\n\n'), keepAliveIntervalMs)

  return {
    /** Starts the stream; with `from`, first the events after it (or a reset), with nothing lost or sent twice. */
    async open(res: ServerResponse, from: string | undefined, onClose: () => void): Promise<void> {
      if (res.destroyed) return onClose() // gone while the request was checked: its 'close' has been and gone
      res.writeHead(200, STREAM_HEADERS)
      res.socket?.setNoDelay(true)
      res.write(`retry: ${retryMs}\n\n`)
      const client: Client = { res, catchUp: from === undefined ? null : { held: [], overflowed: false } }
      clients.add(client)
      res.on('close', () => {
        clients.delete(client)
        onClose()
      })
      if (from === undefined || !client.catchUp) return
      await replay(res, from, client.catchUp, { log, read: reads.run })
      client.catchUp = null
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
