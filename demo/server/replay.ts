import type { ServerResponse } from 'node:http'
import { compareEventIds } from '../shared/event-id'
import type { ResetEvent } from '../shared/protocol'
import type { EventLog, LoggedEvent } from './log/types'
import { formatEvent } from './sse'

/** Events read from the store at once for one resuming client. */
export const REPLAY_PAGE = 100
/** Live events held for a client still catching up; beyond it, they are read from the store with the rest. */
const MAX_HELD = REPLAY_PAGE

/** A client catching up: live events that arrive meanwhile are held, up to a bound. */
export interface CatchUp {
  held: LoggedEvent[]
  overflowed: boolean
}

export const hold = (catchUp: CatchUp, event: LoggedEvent) => {
  if (catchUp.held.length < MAX_HELD) catchUp.held.push(event)
  else catchUp.overflowed = true
}

/** Resolves once the response can take more, or has closed. */
const drained = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })

const gone = (res: ServerResponse) => res.destroyed || res.writableEnded

export interface ReplayOptions {
  log: EventLog
  /** Where each page read waits its turn. */
  read: <T>(task: () => Promise<T>) => Promise<T>
}

/**
 * Sends the events after `from` as the socket drains, a page at a time, however far behind the
 * client is; then the live events held meanwhile. Resolves with the id sent through, once live.
 */
export async function replay(res: ServerResponse, from: string, catchUp: CatchUp, { log, read }: ReplayOptions): Promise<string> {
  let sentThrough = from
  for (let cursor: string | undefined = from; cursor !== undefined && !gone(res);) {
    // Anything that arrives after this read starts is held; anything before it is in the page or a later one.
    catchUp.held = []
    catchUp.overflowed = false
    const after: string = cursor
    const page = await read(() => log.replayAfter(after, REPLAY_PAGE))
    if (page.kind === 'reset') {
      const reset: ResetEvent = { reason: page.reason, lastEventId: page.lastEventId }
      // Carries the current id, so the client's next reconnect resumes from here.
      res.write(formatEvent('reset', reset, page.lastEventId))
      sentThrough = page.lastEventId
      break
    }
    for (const event of page.events) {
      if (gone(res)) return sentThrough
      if (!res.write(formatEvent(event.type, event.data, event.id))) await drained(res)
      sentThrough = event.id
    }
    cursor = page.next ?? (catchUp.overflowed ? sentThrough : undefined)
  }
  for (const event of catchUp.held) if (compareEventIds(event.id, sentThrough) > 0) res.write(formatEvent(event.type, event.data, event.id))
  return sentThrough
}
