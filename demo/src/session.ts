import { API, type JoinResult, type Session } from '../shared/protocol'
import { postJson, type ApiResult } from './api'

const STORAGE_KEY = 'sse-hooks-demo:session'
/** A token this close to expiring is replaced before it is sent. */
const MARGIN_MS = 5000

export interface ChatSession {
  /** Joins as `username` from this browser (`client`), and keeps the token the server binds to that name. */
  join(username: string): Promise<ApiResult<JoinResult>>
  /** The token to send, renewed first when it is about to expire; `undefined` before joining. */
  current(): Promise<string | undefined>
  /** A new token, for when the server refused the one sent: refreshed, or by joining again under the same name. */
  renew(): Promise<string | undefined>
}

const readSaved = (storage: Storage): Session | undefined => {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<Session> | null
    const valid = typeof saved?.token === 'string' && typeof saved.expiresAt === 'string' && typeof saved.username === 'string'
    return valid ? (saved as Session) : undefined
  } catch {
    return undefined
  }
}

/**
 * The browser's session, kept in localStorage, so every tab posts as the same user and the tab that
 * holds the stream sends the same token. A restarted server that no longer knows the token (or one
 * that expired) answers 401; then the page joins again under the name it had, on its own.
 */
export function createChatSession(client: string, storage: Storage = localStorage): ChatSession {
  let pending: Promise<string | undefined> | undefined
  const keep = (result: ApiResult<Session>) => {
    if (!result.ok) return undefined
    storage.setItem(STORAGE_KEY, JSON.stringify(result.data))
    return result.data.token
  }
  const join = async (username: string) => {
    const result = await postJson<JoinResult>(API.join, { username, client })
    keep(result)
    return result
  }
  const renewNow = async () => {
    const saved = readSaved(storage)
    if (!saved) return undefined
    const refreshed = keep(await postJson<Session>(API.session, {}, { Authorization: `Bearer ${saved.token}` }))
    return refreshed ?? keep(await join(saved.username))
  }
  const renew = () => (pending ??= renewNow().finally(() => (pending = undefined)))
  return {
    join,
    renew,
    async current() {
      const saved = readSaved(storage)
      if (!saved) return undefined
      return Date.parse(saved.expiresAt) - MARGIN_MS > Date.now() ? saved.token : renew()
    },
  }
}
