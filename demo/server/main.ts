// `npm run demo`: the chat server, serving the built page and the API from one
// process. The page holds no dev-server socket, so stopping and starting this
// process never reloads it: its EventSource reconnects and resumes.
import { once } from 'node:events'
import { createDemoServer } from './app'
import { createChatServer } from './chat-server'
import { readConfig } from './config'
import { openRedisLog } from './log/redis-log'
import { openSqliteLog } from './log/sqlite-log'
import { ensurePageBuilt } from './page-build'

/** After a restart, users whose browsers are not back by then are announced as gone. */
const RESTART_GRACE_MS = 10_000

const config = readConfig(process.env)
const pageDir = config.apiOnly ? undefined : await ensurePageBuilt()
const log = config.redisUrl
  ? await openRedisLog({ url: config.redisUrl, keep: config.keep })
  : openSqliteLog({ file: config.dbFile, keep: config.keep })
const chat = createChatServer({
  maxStreamsPerAddress: config.maxStreamsPerAddress,
  log,
  sessionTtlMs: config.sessionTtlMs,
  sessionSecret: config.sessionSecret,
  rateLimit: config.rateLimit,
})
// Only the embedded store has one process: with Redis, other processes may hold those users' streams.
if (log.kind === 'sqlite') chat.sweepPresence(RESTART_GRACE_MS)
const server = createDemoServer(chat, pageDir, { requestTimeoutMs: config.requestTimeoutMs })

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${config.port} is in use: is the demo already running? Stop it, or start this one with PORT=<another port>.`
      : error,
  )
  process.exit(1)
})
server.listen(config.port, config.host)
await once(server, 'listening')
const where = log.kind === 'redis' ? `Redis at ${config.redisUrl}` : config.dbFile
console.log(`sse-hooks demo: http://${config.host}:${config.port}/  (chat kept in ${where}; Ctrl-C stops)`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  chat.close() // ends every stream: browsers reconnect by themselves and resume from their last id
  server.closeAllConnections()
  server.close()
  await log.close()
  process.exit(0)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop())
