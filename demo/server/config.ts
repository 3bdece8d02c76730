import { demoPath } from './page-config'
import type { RateLimit } from './rate-limit'

export interface DemoConfig {
  host: string
  port: number
  /** The embedded store's file, used unless `redisUrl` is set. */
  dbFile: string
  redisUrl: string | undefined
  /** Chat events kept for resuming and history. */
  keep: number
  /** Serve only `/api/*` (another server hosts the page). */
  apiOnly: boolean
  /** How long a session token lives. */
  sessionTtlMs: number
  /** Signs session tokens; set the same one on every process behind one address. */
  sessionSecret: string | undefined
  /** Posts, joins and stream opens per client address: a burst, then so many per second. */
  rateLimit: RateLimit
  /** Open streams allowed per client address. */
  maxStreamsPerAddress: number
  /** How long a request may take to arrive, headers and body. */
  requestTimeoutMs: number
}

const integer = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(value)}`)
  return number
}

/** `npm run demo`'s settings, from the environment; every one has a default. */
export function readConfig(env: NodeJS.ProcessEnv): DemoConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env.PORT, 5173, 'PORT'),
    dbFile: env.CHAT_DB || demoPath('.data/chat.sqlite'),
    redisUrl: env.REDIS_URL || undefined,
    keep: integer(env.CHAT_KEEP, 1000, 'CHAT_KEEP'),
    apiOnly: env.DEMO_API_ONLY === '1',
    sessionTtlMs: integer(env.SESSION_TTL_MS, 10 * 60_000, 'SESSION_TTL_MS'),
    sessionSecret: env.SESSION_SECRET || undefined,
    maxStreamsPerAddress: integer(env.CHAT_STREAMS_PER_ADDRESS, 32, 'CHAT_STREAMS_PER_ADDRESS'),
    requestTimeoutMs: integer(env.REQUEST_TIMEOUT_MS, 10_000, 'REQUEST_TIMEOUT_MS'),
    rateLimit: {
      burst: integer(env.CHAT_RATE_BURST, 10, 'CHAT_RATE_BURST'),
      perSecond: integer(env.CHAT_RATE_PER_SECOND, 1, 'CHAT_RATE_PER_SECOND'),
    },
  }
}
