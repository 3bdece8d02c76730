// The wire contract between the chat server and the page. Both import it, so a
// payload change is a type error on both sides.

export const API = {
  events: '/api/events',
  messages: '/api/messages',
  join: '/api/join',
  history: '/api/history',
  stats: '/api/stats',
  session: '/api/session',
  ask: '/api/ask',
} as const

export const LIMITS = {
  /** Username length after trimming, in characters (code points). */
  usernameMax: 32,
  /** Message length after trimming, in characters (code points). */
  textMax: 500,
  /** `POST /api/ask` question length after trimming, in characters. */
  questionMax: 200,
} as const

/** `usermessage`: `id` is also the SSE event id (compare ids with `compareEventIds`). */
export interface ChatMessage {
  id: string
  username: string
  text: string
  time: string
}

/** `userconnect` and `userdisconnect`. */
export interface PresenceEvent {
  username: string
  time: string
}

/** `ping`, every second; it carries no `id:`, so the resume point stays the last chat event. */
export interface Ping {
  time: string
}

/** `reset`: the resume point is gone (trimmed from the store, or never issued by it); reload `/api/history`. */
export interface ResetEvent {
  reason: 'too-old' | 'unknown-id'
  lastEventId: string
}

/** The events of `/api/events` and their payloads. */
export interface ChatEventMap {
  usermessage: ChatMessage
  userconnect: PresenceEvent
  userdisconnect: PresenceEvent
  ping: Ping
  reset: ResetEvent
}

/** `GET /api/history`: everything up to and including `lastEventId`. */
export interface ChatHistory {
  lastEventId: string
  messages: ChatMessage[]
  users: string[]
}

/** `GET /api/stats`. */
export interface ChatStats {
  /** Open `/api/events` streams, across all browsers. */
  connections: number
  /** Clients (the page sends one `client` id per browser) with a stream open. */
  clients: number
  /**
   * Only when asked with `?client=<id>`: the streams open for that client. The page shares one
   * stream among the tabs of a browser, so this stays 1 however many tabs it has open.
   */
  clientConnections?: number
  usersOnline: number
  lastEventId: string
  /** Chat events the store holds for resuming. */
  storedEvents: number
  /** Where they are kept: the embedded SQLite file, or Redis Streams shared by several processes. */
  store: 'sqlite' | 'redis'
}

/** `POST /api/join` answer: the name as the server keeps it, and a session for it. */
export type JoinResult = Session

/** Every 4xx/5xx answer of the API. */
export interface ApiError {
  error:
    | 'invalid_json'
    | 'invalid_body'
    | 'invalid_field'
    | 'body_too_large'
    | 'unsupported_media_type'
    | 'rate_limited'
    | 'too_many_streams'
    | 'request_timeout'
    | 'unauthorized'
    | 'method_not_allowed'
    | 'not_found'
    | 'unavailable'
  message: string
  field?: string
}

/**
 * `POST /api/join` and `POST /api/session`: a token bound to `username`, for the `Authorization:
 * Bearer` header of posts (which go under that name) and of the stream, until `expiresAt`.
 */
export interface Session {
  username: string
  token: string
  expiresAt: string
}

/** `POST /api/ask` body: a question about the wall. */
export interface AskRequest {
  question: string
}

/** One event of the `POST /api/ask` stream, shaped as OpenAI's chat completion chunks; `data: [DONE]` ends it. */
export interface AskChunk {
  choices: { index: number; delta: { content?: string } }[]
}
