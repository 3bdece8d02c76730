import type { ChatEventMap, ChatMessage, ResetEvent } from '../../shared/protocol'

/** The events a store keeps and replays; pings are live-only. */
export type LoggedType = 'usermessage' | 'userconnect' | 'userdisconnect'

/** What a caller appends: the payload without the id the store is about to give it. */
export type Draft<T extends LoggedType> = Omit<ChatEventMap[T], 'id'>

export interface LoggedEvent<T extends LoggedType = LoggedType> {
  id: string
  type: T
  data: ChatEventMap[T]
}

/** A page of a replay; `next`, when the page was full, is where the next one starts after. */
export type Replay =
  { kind: 'events'; events: LoggedEvent[]; next: string | undefined } | { kind: 'reset'; reason: ResetEvent['reason']; lastEventId: string }

/** Who is who and who is online; shared by every process on the same store. */
export interface PresenceStore {
  bind(client: string, username: string): Promise<void>
  usernameOf(client: string): Promise<string | undefined>
  /** Marks a user online or not; true only for the caller that changed it, so one process announces it. */
  setOnline(username: string, online: boolean): Promise<boolean>
  online(): Promise<string[]>
}

/**
 * Where chat events live: they get their ids here, are replayed from here
 * after a Last-Event-ID, and reach every process's streams through `onEvent`.
 */
export interface EventLog {
  readonly kind: 'sqlite' | 'redis'
  readonly presence: PresenceStore
  append<T extends LoggedType>(type: T, draft: Draft<T>): Promise<LoggedEvent<T>>
  /** At most `limit` of the events after `id`, oldest first, or a reset when the store no longer holds them or never issued `id`. */
  replayAfter(id: string, limit: number): Promise<Replay>
  /** The newest messages and the id they are current to. */
  history(limit: number): Promise<{ lastEventId: string; messages: ChatMessage[] }>
  stats(): Promise<{ lastEventId: string; storedEvents: number }>
  /** Every appended event, from any process, in id order. */
  onEvent(listener: (event: LoggedEvent) => void): () => void
  close(): Promise<void>
}

/** The payload as sent: a message carries its own id. */
export function materialize<T extends LoggedType>(type: T, id: string, draft: Draft<T>): LoggedEvent<T> {
  const data = (type === 'usermessage' ? { id, ...draft } : draft) as ChatEventMap[T]
  return { id, type, data }
}

export const isLoggedType = (type: unknown): type is LoggedType =>
  type === 'usermessage' || type === 'userconnect' || type === 'userdisconnect'
