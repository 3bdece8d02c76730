import { API, type Session } from '../shared/protocol'

const STORAGE_KEY = 'sse-hooks-demo:session'
/** A token this close to expiring is replaced before it is sent. */
const MARGIN_MS = 5000

export interface SessionTokens {
  /** The browser's token, fetched anew when there is none or it is about to expire. */
  current(): Promise<string>
  /** A new token, for when the server said the one sent has expired (every tab then uses it). */
  refresh(): Promise<string>
}

const readSaved = (storage: Storage): Session | undefined => {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<Session> | null
    return typeof saved?.token === 'string' && typeof saved.expiresAt === 'string' ? (saved as Session) : undefined
  } catch {
    return undefined
  }
}

/** One session token per browser, kept in localStorage, so every tab speaks for the same session. */
export function createSessionTokens(storage: Storage = localStorage): SessionTokens {
  let pending: Promise<string> | undefined
  const fetchNew = async () => {
    const response = await fetch(API.session, { method: 'POST' })
    if (!response.ok) throw new Error(`session: HTTP ${response.status}`)
    const session = (await response.json()) as Session
    storage.setItem(STORAGE_KEY, JSON.stringify(session))
    return session.token
  }
  const refresh = () => (pending ??= fetchNew().finally(() => (pending = undefined)))
  return {
    refresh,
    async current() {
      const saved = readSaved(storage)
      return saved && Date.parse(saved.expiresAt) - MARGIN_MS > Date.now() ? saved.token : refresh()
    },
  }
}
