import { demoPath } from './page-config'

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
  }
}
