import { createServer, type Server } from 'node:http'
import type { ChatServer } from './chat-server'
import { fail, sendJson } from './http'
import { serveStatic } from './static-files'

export interface Timeouts {
  /** A request's headers and body must have arrived by then, or it gets 408 and its connection is closed. Default 10 s. */
  requestTimeoutMs?: number
}

/**
 * One HTTP server for the page and its API: one origin, so the page needs no CORS and no proxy.
 * A client that sends its request slowly, or stops halfway, is cut off; a stream, whose request
 * is complete once its headers are in, runs as long as it likes.
 */
export function createDemoServer(chat: ChatServer, pageDir: string | undefined, { requestTimeoutMs = 10_000 }: Timeouts = {}): Server {
  const page = pageDir === undefined ? undefined : serveStatic(pageDir)
  return createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // How often Node looks for requests past those; its default, 30 s, would let a stalled body hold on that long.
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
    },
    (req, res) => {
      chat.handle(req, res, () => {
        if (!page) return sendJson(res, 404, { error: 'not_found', message: 'this server answers /api/* only' })
        page(req, res).catch((error: unknown) => fail(req, res, error))
      })
    },
  )
}
