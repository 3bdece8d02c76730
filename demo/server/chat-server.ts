import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  API,
  LIMITS,
  type ApiError,
  type ChatEventMap,
  type ChatHistory,
  type ChatMessage,
  type ChatStats,
  type JoinResult,
  type ResetEvent,
} from '../shared/protocol'

export interface RateLimit {
  /** Posts allowed at once. */
  burst: number
  /** Posts regained per second. */
  perSecond: number
}

export interface ChatServerOptions {
  /** Recent events kept for resuming (`Last-Event-ID`) and for `/api/history`. Default 1000. */
  historySize?: number
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
  /** Token bucket per client address for messages and joins, or `false`. Default 10 at once, then 1 per second. */
  rateLimit?: RateLimit | false
  /** Take the client address from `X-Forwarded-For` (only behind a proxy you run). Default `false`. */
  trustProxy?: boolean
  /** Clock for timestamps and the rate limiter. */
  now?: () => number
}

export type NextFunction = (error?: unknown) => void

export interface ChatServer {
  /** Node `http` request handler and connect-style middleware: answers `/api/*`, passes the rest to `next`. */
  handle: (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void
  stats: () => ChatStats
  /** Ends every stream and stops every timer; later requests get 503. */
  close: () => void
}

type EventType = keyof ChatEventMap

interface StoredEvent {
  id: number
  type: EventType
  data: ChatEventMap[EventType]
  /** The exact bytes sent, formatted once. */
  frame: string
}

interface Stream {
  res: ServerResponse
  clientId: string | undefined
}

/** A client that reads this far behind is dropped; it reconnects and resumes from its last id. */
const MAX_BUFFERED_BYTES = 1 << 20
const MAX_BINDINGS = 10_000
const MAX_RATE_BUCKETS = 10_000
const CLIENT_ID = /^[\w-]{1,64}$/
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/**
 * Formats one SSE event. Only `id` and `type` come from the server, and
 * JSON.stringify escapes CR and LF, so user text can never start a new field.
 */
const formatEvent = (id: number, type: string, data: unknown): string =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`

const characterCount = (text: string): number => [...text].length

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message)
  }
}

const fieldError = (field: string, message: string) =>
  new HttpError(400, { error: 'invalid_field', message, field })

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(JSON.stringify(body))
}

function readUsername(value: unknown): string {
  if (typeof value !== 'string') throw fieldError('username', 'username must be a string')
  const username = value.trim()
  const length = characterCount(username)
  if (length < 1 || length > LIMITS.usernameMax) {
    throw fieldError('username', `username must be 1 to ${LIMITS.usernameMax} characters`)
  }
  if (CONTROL_CHARACTERS.test(username)) {
    throw fieldError('username', 'username must not contain control characters such as line breaks')
  }
  return username
}

function readText(value: unknown): string {
  if (typeof value !== 'string') throw fieldError('text', 'text must be a string')
  const text = value.replace(/\r\n?/g, '\n').trim()
  const length = characterCount(text)
  if (length < 1 || length > LIMITS.textMax) {
    throw fieldError('text', `text must be 1 to ${LIMITS.textMax} characters`)
  }
  return text
}

function readClientId(value: unknown): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value)) {
    throw fieldError('client', 'client must be 1 to 64 letters, digits, "_" or "-"')
  }
  return value
}

/** Reads a JSON object body of at most `limit` bytes. */
async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new HttpError(415, { error: 'unsupported_media_type', message: 'send Content-Type: application/json' })
  }
  const tooLarge = () =>
    new HttpError(
      413,
      { error: 'body_too_large', message: `the body must be at most ${limit} bytes` },
      // Stop reading the rest of an oversized upload.
      { Connection: 'close' },
    )
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    chunks.push(chunk)
  }
  let body: unknown
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, { error: 'invalid_json', message: 'the body is not valid JSON' })
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, { error: 'invalid_body', message: 'the body must be a JSON object' })
  }
  return body as Record<string, unknown>
}

function createRateLimiter({ burst, perSecond }: RateLimit, now: () => number) {
  const buckets = new Map<string, { tokens: number; updated: number }>()
  const refill = (bucket: { tokens: number; updated: number }, time: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.updated) / 1000) * perSecond)
    bucket.updated = time
  }
  return {
    /** Takes one token, or returns the seconds until one is back. */
    take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const time = now()
      if (buckets.size >= MAX_RATE_BUCKETS && !buckets.has(key)) {
        for (const [name, bucket] of buckets) {
          refill(bucket, time)
          if (bucket.tokens >= burst) buckets.delete(name)
        }
      }
      let bucket = buckets.get(key)
      if (!bucket) buckets.set(key, (bucket = { tokens: burst, updated: time }))
      refill(bucket, time)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { ok: true }
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) }
    },
  }
}

/**
 * The demo's chat backend: an SSE stream with resume, message posting with
 * validation and rate limiting, presence, history and stats. In-memory, so it
 * survives a restart of the HTTP server in front of it (as if it had storage)
 * but not of the process.
 */
export function createChatServer(options: ChatServerOptions = {}): ChatServer {
  const {
    historySize = 1000,
    historyMessages = 50,
    pingIntervalMs = 1000,
    keepAliveIntervalMs = 15_000,
    retryMs = 1000,
    presenceGraceMs = 3000,
    maxBodyBytes = 8192,
    rateLimit = { burst: 10, perSecond: 1 },
    trustProxy = false,
    now = Date.now,
  } = options

  const streams = new Set<Stream>()
  /** Chat events, oldest first; pings are live-only and not kept. */
  const buffer: StoredEvent[] = []
  /** The newest id that fell out of the buffer: resuming from before it would miss events. */
  let evictedThrough = 0
  let lastEventId = 0
  let closed = false

  const limiter = rateLimit ? createRateLimiter(rateLimit, now) : undefined

  // Presence: a tab joins with its client id; its user is online while one of
  // their tabs has a stream open, or closed one less than presenceGraceMs ago.
  const usernameByClient = new Map<string, string>()
  const openStreamsByClient = new Map<string, number>()
  const graceTimers = new Map<string, ReturnType<typeof setTimeout>>()
  const online = new Set<string>()

  const isoNow = () => new Date(now()).toISOString()

  const write = (stream: Stream, chunk: string) => {
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) {
      stream.res.destroy()
      return
    }
    stream.res.write(chunk)
  }

  /** Sends an event to every stream under the next id; `build` gets that id. */
  const publish = <T extends EventType>(
    type: T,
    build: (id: number) => ChatEventMap[T],
    { keep = true } = {},
  ): ChatEventMap[T] => {
    const id = ++lastEventId
    const data = build(id)
    const frame = formatEvent(id, type, data)
    if (keep) {
      buffer.push({ id, type, data, frame })
      while (buffer.length > historySize) evictedThrough = buffer.shift()?.id ?? evictedThrough
    }
    for (const stream of streams) write(stream, frame)
    return data
  }

  const refreshPresence = (username: string | undefined) => {
    if (username === undefined) return
    let present = false
    for (const [clientId, name] of usernameByClient) {
      if (name !== username) continue
      if ((openStreamsByClient.get(clientId) ?? 0) > 0 || graceTimers.has(clientId)) present = true
    }
    if (present && !online.has(username)) {
      online.add(username)
      publish('userconnect', () => ({ username, time: isoNow() }))
    } else if (!present && online.has(username)) {
      online.delete(username)
      publish('userdisconnect', () => ({ username, time: isoNow() }))
    }
  }

  const bindClient = (clientId: string, username: string) => {
    const previous = usernameByClient.get(clientId)
    usernameByClient.delete(clientId) // re-inserted last: the Map's order is the eviction order
    usernameByClient.set(clientId, username)
    if (usernameByClient.size > MAX_BINDINGS) {
      for (const [id, name] of usernameByClient) {
        if (usernameByClient.size <= MAX_BINDINGS) break
        if (openStreamsByClient.has(id) || graceTimers.has(id)) continue
        usernameByClient.delete(id)
        refreshPresence(name)
      }
    }
    if (previous !== username) refreshPresence(previous)
    refreshPresence(username)
  }

  const streamOpened = (clientId: string) => {
    openStreamsByClient.set(clientId, (openStreamsByClient.get(clientId) ?? 0) + 1)
    const timer = graceTimers.get(clientId)
    if (timer !== undefined) clearTimeout(timer)
    graceTimers.delete(clientId)
    refreshPresence(usernameByClient.get(clientId))
  }

  const streamClosed = (clientId: string) => {
    const count = (openStreamsByClient.get(clientId) ?? 1) - 1
    if (count > 0) return void openStreamsByClient.set(clientId, count)
    openStreamsByClient.delete(clientId)
    if (closed) return
    graceTimers.set(
      clientId,
      setTimeout(() => {
        graceTimers.delete(clientId)
        refreshPresence(usernameByClient.get(clientId))
      }, presenceGraceMs),
    )
  }

  const clientAddress = (req: IncomingMessage): string => {
    const forwarded = req.headers['x-forwarded-for']
    if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]?.trim() || 'unknown'
    return req.socket.remoteAddress ?? 'unknown'
  }

  const takeToken = (req: IncomingMessage) => {
    const result = limiter?.take(clientAddress(req))
    if (result && !result.ok) {
      throw new HttpError(
        429,
        { error: 'rate_limited', message: `too many posts: try again in ${result.retryAfterSeconds} s` },
        { 'Retry-After': String(result.retryAfterSeconds) },
      )
    }
  }

  /** The id a reconnecting client has seen: the browser's header wins over the query the library adds. */
  const resumePoint = (req: IncomingMessage, url: URL): string | undefined => {
    const header = req.headers['last-event-id']
    if (typeof header === 'string' && header !== '') return header
    return url.searchParams.get('lastEventId') ?? undefined
  }

  const openStream = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const clientParam = url.searchParams.get('client')
    const clientId = clientParam === null ? undefined : readClientId(clientParam)
    const from = resumePoint(req, url)

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    })
    req.socket.setNoDelay(true)
    const stream: Stream = { res, clientId }
    let chunk = `retry: ${retryMs}\n\n`
    if (from !== undefined) {
      const seen = /^\d{1,15}$/.test(from) ? Number(from) : NaN
      if (seen >= evictedThrough && seen <= lastEventId) {
        for (const event of buffer) if (event.id > seen) chunk += event.frame
      } else {
        const reset: ResetEvent = { reason: seen <= lastEventId ? 'too-old' : 'unknown-id', lastEventId }
        // Carries the current id, so the client's next reconnect resumes from here.
        chunk += formatEvent(lastEventId, 'reset', reset)
      }
    }
    res.write(chunk)
    streams.add(stream)
    res.on('close', () => {
      streams.delete(stream)
      if (clientId !== undefined) streamClosed(clientId)
    })
    if (clientId !== undefined) streamOpened(clientId)
  }

  const postMessage = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readJsonObject(req, maxBodyBytes)
    const username = readUsername(body.username)
    const text = readText(body.text)
    takeToken(req)
    const message = publish('usermessage', (id): ChatMessage => ({ id, username, text, time: isoNow() }))
    sendJson(res, 201, message)
  }

  const join = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readJsonObject(req, maxBodyBytes)
    const username = readUsername(body.username)
    const clientId = readClientId(body.client)
    takeToken(req)
    bindClient(clientId, username)
    const result: JoinResult = { username }
    sendJson(res, 200, result)
  }

  const history = (): ChatHistory => ({
    lastEventId,
    messages: buffer
      .filter((event) => event.type === 'usermessage')
      .slice(-historyMessages)
      .map((event) => event.data as ChatMessage),
    users: [...online].sort((a, b) => a.localeCompare(b)),
  })

  const stats = (): ChatStats => ({
    connections: streams.size,
    usersOnline: online.size,
    lastEventId,
    bufferedEvents: buffer.length,
  })

  const routes: Record<string, { method: string; run: (req: IncomingMessage, res: ServerResponse, url: URL) => unknown }> = {
    [API.events]: { method: 'GET', run: openStream },
    [API.messages]: { method: 'POST', run: postMessage },
    [API.join]: { method: 'POST', run: join },
    [API.history]: { method: 'GET', run: (_req, res) => sendJson(res, 200, history()) },
    [API.stats]: { method: 'GET', run: (_req, res) => sendJson(res, 200, stats()) },
  }

  const fail = (res: ServerResponse, error: unknown) => {
    if (res.headersSent) return void res.destroy()
    if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers)
    console.error(error)
    sendJson(res, 500, { error: 'unavailable', message: 'internal error' })
  }

  const handle = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith('/api/')) {
      if (next) return next()
      return sendJson(res, 404, { error: 'not_found', message: `no route ${url.pathname}` })
    }
    if (closed) return sendJson(res, 503, { error: 'unavailable', message: 'the chat server is closed' })
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined
    if (!route) return sendJson(res, 404, { error: 'not_found', message: `no route ${url.pathname}` })
    if (req.method !== route.method) {
      return sendJson(
        res,
        405,
        { error: 'method_not_allowed', message: `use ${route.method} ${url.pathname}` },
        { Allow: route.method },
      )
    }
    try {
      Promise.resolve(route.run(req, res, url)).catch((error: unknown) => fail(res, error))
    } catch (error) {
      fail(res, error)
    }
  }

  const pingTimer = setInterval(() => publish('ping', () => ({ time: isoNow() }), { keep: false }), pingIntervalMs)
  const keepAliveTimer = setInterval(() => {
    for (const stream of streams) write(stream, ': keep-alive\n\n')
  }, keepAliveIntervalMs)

  return {
    handle,
    stats,
    close() {
      if (closed) return
      closed = true
      clearInterval(pingTimer)
      clearInterval(keepAliveTimer)
      for (const timer of graceTimers.values()) clearTimeout(timer)
      graceTimers.clear()
      for (const stream of streams) stream.res.end()
      streams.clear()
    },
  }
}
