import { createServer, type Server } from 'node:http'
import type { ChatServer } from './chat-server'
import { fail, sendJson } from './http'
import { serveStatic } from './static-files'

/** One HTTP server for the page and its API: one origin, so the page needs no CORS and no proxy. */
export function createDemoServer(chat: ChatServer, pageDir: string | undefined): Server {
  const page = pageDir === undefined ? undefined : serveStatic(pageDir)
  return createServer((req, res) => {
    chat.handle(req, res, () => {
      if (!page) return sendJson(res, 404, { error: 'not_found', message: 'this server answers /api/* only' })
      page(req, res).catch((error: unknown) => fail(res, error))
    })
  })
}
