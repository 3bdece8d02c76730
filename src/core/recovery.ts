import type { SSEError } from './errors'
import type { SSEStatus, StreamSnapshot } from './types'

/** What `onReconnect` is told when a stream is open again after it was not. */
export interface SSEReconnectInfo {
  /** The stream's absolute URL. */
  readonly url: string
  /** The event id the new connection resumed from; `''` when the stream had received none. */
  readonly lastEventId: string
  /**
   * Whether the new connection sent `lastEventId` to the server (as the `Last-Event-ID` header, or
   * the `lastEventIdParam` query parameter). `false`: nothing could be replayed. `true` asks the
   * server to replay; only the server knows whether it still could (after a restart that lost
   * its history it cannot), so state built from events refetches either way when that matters.
   */
  readonly resumed: boolean
  /** How long the stream was not open, in ms. */
  readonly downtime: number
  /** Why it stopped being open: the error it showed then, or `null` (`close()`, a hidden page). */
  readonly error: SSEError | null
}

export type SSEReconnectListener = (info: SSEReconnectInfo) => void

/** The `onReconnect` callbacks one subscriber of a stream brings (its own, its provider's or client's). */
export type OnReconnect = readonly (SSEReconnectListener | undefined)[]

/**
 * Watches one stream's statuses for recoveries: it remembers when and why an open stream stopped
 * being open, and returns the recovery once it is open again. Statuses, not phases, so a tab that
 * follows another tab's connection sees the same recoveries as the leader. `resumes`: whether a
 * new connection sends the last event id at all.
 */
export function watchRecovery(url: string, resumes: boolean): (was: SSEStatus, next: StreamSnapshot) => SSEReconnectInfo | undefined {
  let down: { at: number; error: SSEError | null } | undefined
  return (was, { status, error, lastEventId }) => {
    if (status !== 'open') {
      if (was === 'open') down = { at: Date.now(), error }
      return undefined
    }
    if (!down) return undefined
    const since = down
    down = undefined
    return { url, lastEventId, resumed: resumes && lastEventId !== '', downtime: Date.now() - since.at, error: since.error }
  }
}

/** Each function once, however many subscribers gave it (a provider's reaches every hook). */
export const callbacksOf = (holds: Iterable<{ readonly onReconnect: OnReconnect }>): Set<SSEReconnectListener> =>
  new Set([...holds].flatMap((hold) => hold.onReconnect).filter((listener) => listener !== undefined))
