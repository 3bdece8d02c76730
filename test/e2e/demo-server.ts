import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDemoServer } from '../../demo/server/app'
import { createChatServer, type ChatServer } from '../../demo/server/chat-server'
import { ensurePageBuilt } from '../../demo/server/page-build'
import { tempStore, type TestChatOptions } from '../demo/helpers'

export interface StreamRequest {
  readonly url: string
  readonly lastEventId: string | undefined
  /** The `Authorization` header it carried. */
  readonly authorization: string | undefined
  /** The status the server answered with, once it has. */
  readonly status: number | undefined
}

/** One `POST /api/ask` as the server saw it. */
export interface AskRequest {
  /** The socket closed (either side). */
  closed: boolean
  /** The server sent the whole reply before it closed; `false` with `closed` means the client left. */
  completed: boolean
}

export interface Demo {
  readonly url: string
  /** Every `POST /api/ask` the server received. */
  readonly askRequests: AskRequest[]
  /** Every request to /api/events the server received, with its Last-Event-ID header. */
  readonly streamRequests: StreamRequest[]
  /** Stops the server as Ctrl-C stops `npm run demo`: streams end, the port refuses connections, the store closes. */
  stop(): Promise<void>
  /** Starts it again on the same port and the same store file. */
  start(): Promise<void>
  close(): Promise<void>
}

/**
 * The demo as `npm run demo` serves it (the built page and the chat API from
 * one server, the chat in a SQLite file), in this process on an ephemeral port.
 * The restart test runs `npm run demo` itself.
 */
export async function startDemo({ keep, ...options }: Omit<TestChatOptions, 'log'> = {}): Promise<Demo> {
  const pageDir = await ensurePageBuilt()
  const store = tempStore(keep)
  const streamRequests: StreamRequest[] = []
  const askRequests: AskRequest[] = []
  let running: { server: Server; chat: ChatServer; closeLog: () => Promise<void> } | undefined
  let port = 0

  const listen = async () => {
    const log = store.open()
    const chat = createChatServer({ log, ...options })
    const server = createDemoServer(
      {
        ...chat,
        handle(req, res, next) {
          if (req.url?.startsWith('/api/events')) {
            const header = req.headers['last-event-id']
            streamRequests.push({
              url: req.url,
              lastEventId: typeof header === 'string' ? header : undefined,
              authorization: req.headers.authorization,
              get status() {
                return res.headersSent ? res.statusCode : undefined
              },
            })
          }
          if (req.url === '/api/ask') {
            const ask: AskRequest = { closed: false, completed: false }
            askRequests.push(ask)
            res.on('close', () => Object.assign(ask, { closed: true, completed: res.writableFinished }))
          }
          chat.handle(req, res, next)
        },
      },
      pageDir,
    )
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    running = { server, chat, closeLog: () => log.close() }
  }
  const stop = async () => {
    if (!running) return
    const { server, chat, closeLog } = running
    running = undefined
    chat.close()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await closeLog()
  }

  await listen()
  return {
    url: `http://127.0.0.1:${port}`,
    streamRequests,
    askRequests,
    stop,
    async start() {
      if (!running) await listen()
    },
    async close() {
      await stop()
      store.remove()
    },
  }
}
