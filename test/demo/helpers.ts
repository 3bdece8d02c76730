import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, vi } from 'vitest'
import { createChatServer, type ChatServer, type ChatServerOptions } from '../../demo/server/chat-server'
import { openSqliteLog } from '../../demo/server/log/sqlite-log'
import type { EventLog } from '../../demo/server/log/types'
import { createSessions } from '../../demo/server/sessions'
import { bearer, connectStream, postJson, postWith, type Stream, type StreamOptions } from './sse-client'

export type { EventName, ReceivedEvent, Stream, StreamOptions } from './sse-client'

export type TestChatOptions = Omit<ChatServerOptions, 'log'> & {
  /** Events the store keeps. */
  keep?: number
  /** The store to use; by default a SQLite file in a fresh temporary folder. */
  log?: EventLog
}

/** A SQLite store in a temporary folder of its own, removed by `remove()`. */
export function tempStore(keep?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'chat-store-'))
  const file = join(dir, 'chat.sqlite')
  return {
    file,
    open: () => openSqliteLog({ file, ...(keep === undefined ? {} : { keep }) }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The chat server on a real HTTP server on 127.0.0.1, read with the `eventsource` package. */
export async function startChat({ keep, log: given, ...options }: TestChatOptions = {}) {
  const store = tempStore(keep)
  const log = given ?? store.open()
  const { sessionSecret = randomBytes(16).toString('hex'), sessionTtlMs = 10 * 60_000, now = Date.now } = options
  // Long ping and keep-alive intervals unless a test is about them: the streams stay quiet.
  const chat: ChatServer = createChatServer({ log, pingIntervalMs: 60_000, keepAliveIntervalMs: 60_000, ...options, sessionSecret })
  // Tokens signed as the server signs them, so a test posts as anyone without joining (joins are tested on their own).
  const sessions = createSessions({ secret: sessionSecret, ttlMs: sessionTtlMs, now })
  const tokenFor = (username: string) => sessions.issue(username).token
  const server = createServer((req, res) => chat.handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const streams = new Set<Stream>()

  return {
    chat,
    log,
    base,
    request: (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) => postJson(base, path, body, headers),
    tokenFor,
    /** Headers that post as `username`. */
    as: (username: string) => bearer(tokenFor(username)),
    postMessage: (username: string, text: string) => postWith(base, tokenFor(username), text),
    async stream(options: StreamOptions = {}): Promise<Stream> {
      const opened = await connectStream(base, options)
      streams.add(opened)
      return opened
    },
    async close() {
      for (const open of streams) open.close()
      chat.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      if (!given) await log.close()
      store.remove()
    },
  }
}

export type TestChat = Awaited<ReturnType<typeof startChat>>

/** A chat server per test, closed after it (with the fake timers a test may have turned on). */
export function chatPerTest() {
  let chat: TestChat | undefined
  afterEach(async () => {
    vi.useRealTimers()
    await chat?.close()
    chat = undefined
  })
  return async (options?: TestChatOptions) => (chat = await startChat(options))
}
