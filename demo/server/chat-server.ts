import type { IncomingMessage, ServerResponse } from 'node:http'
import { API, type ChatHistory, type ChatMessage, type ChatStats, type JoinResult, type Session } from '../shared/protocol'
import { createAsk } from './ask'
import { fail, readJsonObject, sendJson } from './http'
import type { ChatServer, ChatServerOptions, NextFunction } from './chat-types'
import { createPresence } from './presence'
import { createRateLimiter, type RateLimit } from './rate-limit'
import { createSessions } from './sessions'
import { clientAddress } from './client-address'
import { createStreamCap } from './stream-cap'
import { createStreamHub } from './streams'
import { readClientId, readText, readUsername } from './validate'

export type { ChatServer, ChatServerOptions, NextFunction } from './chat-types'
export type { RateLimit }

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => unknown

/** `?client=<id>`: the page sends one per browser, so every tab of it names the same stream. */
const clientOf = (url: URL) => {
  const param = url.searchParams.get('client')
  return param === null ? undefined : readClientId(param)
}

/** The demo's chat API: an SSE stream with resume, posting with validation and rate limits, presence, history, stats. */
export function createChatServer(options: ChatServerOptions): ChatServer {
  const { log, historyMessages = 50, maxBodyBytes = 8192, now = Date.now } = options
  const isoNow = () => new Date(now()).toISOString()
  const { rateLimit = { burst: 10, perSecond: 1 }, trustProxy = false } = options
  const limiter = rateLimit ? createRateLimiter(rateLimit, now, trustProxy) : undefined
  const streamCap = createStreamCap(options.maxStreamsPerAddress ?? 32)
  const presence = createPresence({ log, graceMs: options.presenceGraceMs ?? 3000, isoNow })
  const hub = createStreamHub({
    log,
    isoNow,
    retryMs: options.retryMs ?? 1000,
    pingIntervalMs: options.pingIntervalMs ?? 1000,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? 15_000,
  })
  const asks = createAsk({
    recent: async () => (await log.history(5)).messages,
    maxBodyBytes,
    ...(options.askTokenDelayMs === undefined ? {} : { tokenDelayMs: options.askTokenDelayMs }),
  })
  const sessions = createSessions({ ttlMs: options.sessionTtlMs ?? 10 * 60_000, secret: options.sessionSecret, now })
  let closed = false

  const openStream: Route = async (req, res, url) => {
    sessions.userOf(req) // before anything is written: an expired token gets a 401, and the client refreshes it
    const client = clientOf(url)
    // The browser's own reconnect sends the header; sse-hooks adds the query when it opens a new EventSource. The header is newer.
    const header = req.headers['last-event-id']
    const from = typeof header === 'string' && header !== '' ? header : (url.searchParams.get('lastEventId') ?? undefined)
    // Coming online (and going, after) costs what a post costs: opening and closing streams cannot flood the history.
    if (client !== undefined && (await presence.wouldAnnounce(client))) limiter?.take(req)
    const release = streamCap.admit(clientAddress(req, trustProxy))
    if (client !== undefined) void presence.streamOpened(client)
    await hub.open(res, from, () => {
      release()
      if (client !== undefined) presence.streamClosed(client)
    })
  }

  const postMessage: Route = async (req, res) => {
    // The name is the token's: a `username` in the body is not read.
    const username = sessions.requireUser(req)
    const text = readText((await readJsonObject(req, maxBodyBytes)).text)
    limiter?.take(req)
    const { data } = await log.append('usermessage', { username, text, time: isoNow() })
    sendJson(res, 201, data satisfies ChatMessage)
  }

  const join: Route = async (req, res) => {
    const body = await readJsonObject(req, maxBodyBytes)
    const username = readUsername(body.username)
    const client = readClientId(body.client)
    limiter?.take(req)
    await presence.join(client, username)
    sendJson(res, 200, sessions.issue(username) satisfies JoinResult)
  }

  // A fresh token for the name of one still valid. Not rate limited: a token is signed, not stored, so it costs nothing to keep.
  const session: Route = (req, res) => sendJson(res, 201, sessions.issue(sessions.requireUser(req)) satisfies Session)

  const history: Route = async (_req, res) => {
    const [recent, users] = await Promise.all([log.history(historyMessages), log.presence.online()])
    sendJson(res, 200, { ...recent, users } satisfies ChatHistory)
  }

  const stats: Route = async (_req, res, url) => {
    const client = clientOf(url)
    const [stored, users] = await Promise.all([log.stats(), log.presence.online()])
    const body: ChatStats = {
      connections: hub.count(),
      clients: presence.clientsStreaming(),
      ...(client === undefined ? {} : { clientConnections: presence.streamsOf(client) }),
      usersOnline: users.length,
      ...stored,
      store: log.kind,
    }
    sendJson(res, 200, body)
  }

  const routes = new Map<string, { method: string; run: Route }>([
    [API.events, { method: 'GET', run: openStream }],
    [API.messages, { method: 'POST', run: postMessage }],
    [API.join, { method: 'POST', run: join }],
    [API.history, { method: 'GET', run: history }],
    [API.stats, { method: 'GET', run: stats }],
    [API.session, { method: 'POST', run: session }],
    [API.ask, { method: 'POST', run: (req, res) => asks.ask(req, res, () => limiter?.take(req)) }],
  ])

  const handle = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith('/api/')) {
      if (next) return next()
      return sendJson(res, 404, { error: 'not_found', message: `no route ${url.pathname}` })
    }
    if (closed) return sendJson(res, 503, { error: 'unavailable', message: 'the chat server is closed' })
    const route = routes.get(url.pathname)
    if (!route) return sendJson(res, 404, { error: 'not_found', message: `no route ${url.pathname}` })
    if (req.method !== route.method) {
      const message = `use ${route.method} ${url.pathname}`
      return sendJson(res, 405, { error: 'method_not_allowed', message }, { Allow: route.method })
    }
    Promise.resolve()
      .then(() => route.run(req, res, url))
      .catch((error: unknown) => fail(req, res, error))
  }

  return {
    handle,
    sweepPresence: (afterMs) => presence.sweep(afterMs),
    close() {
      if (closed) return
      closed = true
      presence.close()
      hub.close()
      asks.close()
    },
  }
}
