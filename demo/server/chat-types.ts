import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventLog } from './log/types'
import type { RateLimit } from './rate-limit'

export interface ChatServerOptions {
  /** Where events are kept and how they reach the other processes: `openSqliteLog` or `openRedisLog`. */
  log: EventLog
  /** Messages `/api/history` returns. Default 50. */
  historyMessages?: number
  /** Default 1000. */
  pingIntervalMs?: number
  /** A comment line that keeps proxies from closing an idle stream. Default 15000. */
  keepAliveIntervalMs?: number
  /** The `retry:` hint: how long browsers wait before reconnecting by themselves. Default 1000. */
  retryMs?: number
  /** How long a user stays online after their last stream closed, so a reconnect is not a leave. Default 3000. */
  presenceGraceMs?: number
  /** Larger POST bodies get 413. Default 8192 bytes. */
  maxBodyBytes?: number
  /** Token bucket per client address for messages, joins and coming online, or `false`. Default 10 at once, then 1 per second. */
  rateLimit?: RateLimit | false
  /** Open streams per client address; more get 429. Default 32. */
  maxStreamsPerAddress?: number
  /** Take the client address from `X-Forwarded-For` (only behind a proxy you run). Default `false`. */
  trustProxy?: boolean
  /** The pause between two tokens of an `/api/ask` reply. Default 40 ms. */
  askTokenDelayMs?: number
  /** How long a session token lives. Default 10 minutes. */
  sessionTtlMs?: number
  /** Signs session tokens; processes that share it accept each other's. Default: a fresh one each start. */
  sessionSecret?: string | undefined
  /** Clock for timestamps, session tokens and the rate limiter. */
  now?: () => number
}

export type NextFunction = (error?: unknown) => void

export interface ChatServer {
  /** Node `http` request handler and connect-style middleware: answers `/api/*`, passes the rest to `next`. */
  handle: (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void
  /** Users the store still calls online leave after `afterMs` unless one of their browsers comes back: for a restart. */
  sweepPresence: (afterMs: number) => void
  /** Ends every stream and stops every timer; later requests get 503. The log stays open: its owner closes it. */
  close: () => void
}
