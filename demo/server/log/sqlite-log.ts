import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createRequire } from 'node:module'
import type * as Sqlite from 'node-sqlite3-wasm'
import type { ChatMessage } from '../../shared/protocol'
import { claimFile, type FileClaim } from './file-claim'
import { isLoggedType, materialize, type Draft, type EventLog, type LoggedEvent, type LoggedType, type Replay } from './types'

// synchronous=NORMAL: a crash of the process loses nothing committed; only a
// power cut may lose the last events, and it makes each post about 3× faster.
const SCHEMA = `
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS clients (client TEXT PRIMARY KEY, username TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS online (username TEXT PRIMARY KEY);
`
const MAX_CLIENTS = 10_000
// A CommonJS package whose exports Node's ESM loader cannot see by name.
const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof Sqlite

export interface SqliteLogOptions {
  /** The database file; created with its folder when missing. */
  file: string
  /** Chat events kept for resuming and history. Default 1000. */
  keep?: number
}

type Row = Record<string, unknown>
const toEvent = (row: Row): LoggedEvent | undefined => {
  const { id, type, body } = row
  if (!isLoggedType(type) || typeof body !== 'string') return undefined
  return materialize(type, String(id), JSON.parse(body) as never)
}

function openDatabase(file: string, claim: FileClaim | undefined): Sqlite.Database {
  try {
    const db = new Database(file)
    db.exec(SCHEMA)
    return db
  } catch (error) {
    claim?.release()
    throw error
  }
}

/**
 * The embedded store: one SQLite file, written synchronously, so an event is
 * committed before any stream sees it. AUTOINCREMENT never reuses an id, so ids keep
 * increasing across restarts and trims. For one process: several processes share Redis instead.
 */
export function openSqliteLog({ file, keep = 1000 }: SqliteLogOptions): EventLog {
  let claim: FileClaim | undefined
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true })
    claim = claimFile(file)
    if (claim.cleared !== undefined) console.log(`Cleared the lock on ${file} left by process ${claim.cleared}, which is gone.`)
  }
  const db = openDatabase(file, claim)
  const listeners = new Set<(event: LoggedEvent) => void>()

  const number = (sql: string, values?: Sqlite.BindValues): number => {
    const row = db.get(sql, values) as Row | null
    return Number(row?.value ?? 0)
  }
  const lastId = () => number(`SELECT seq AS value FROM sqlite_sequence WHERE name = 'events'`)
  const trimmedThrough = () => number(`SELECT value FROM meta WHERE key = 'trimmed_through'`)

  /** One commit, so an insert and its trim are one write to disk. */
  const transaction = <T>(work: () => T): T => {
    db.exec('BEGIN')
    try {
      const result = work()
      db.exec('COMMIT')
      return result
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
  const trim = (newest: number) => {
    const through = newest - keep
    if (through <= trimmedThrough()) return
    db.run('DELETE FROM events WHERE id <= ?', [through])
    db.run(`INSERT INTO meta (key, value) VALUES ('trimmed_through', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, [through])
  }

  return {
    kind: 'sqlite',
    async append<T extends LoggedType>(type: T, draft: Draft<T>) {
      const id = transaction(() => {
        const { lastInsertRowid } = db.run('INSERT INTO events (type, body) VALUES (?, ?)', [type, JSON.stringify(draft)])
        trim(Number(lastInsertRowid))
        return String(lastInsertRowid)
      })
      const event = materialize(type, id, draft)
      for (const listener of listeners) listener(event)
      return event
    },
    async replayAfter(id, limit): Promise<Replay> {
      const last = lastId()
      const seen = /^\d{1,15}$/.test(id) ? Number(id) : NaN
      if (!(seen <= last)) return { kind: 'reset', reason: 'unknown-id', lastEventId: String(last) }
      if (seen < trimmedThrough()) return { kind: 'reset', reason: 'too-old', lastEventId: String(last) }
      const rows = db.all('SELECT id, type, body FROM events WHERE id > ? ORDER BY id LIMIT ?', [seen, limit]) as Row[]
      const next = rows.length === limit ? String(rows.at(-1)?.id) : undefined
      return { kind: 'events', events: rows.flatMap((row) => toEvent(row) ?? []), next }
    },
    async history(limit) {
      const rows = db.all(`SELECT id, type, body FROM events WHERE type = 'usermessage' ORDER BY id DESC LIMIT ?`, [limit]) as Row[]
      const messages = rows.reverse().flatMap((row) => (toEvent(row)?.data as ChatMessage | undefined) ?? [])
      return { lastEventId: String(lastId()), messages }
    },
    async stats() {
      return { lastEventId: String(lastId()), storedEvents: number('SELECT COUNT(*) AS value FROM events') }
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    presence: {
      async bind(client, username) {
        db.run('DELETE FROM clients WHERE client = ?', [client])
        db.run('INSERT INTO clients (client, username) VALUES (?, ?)', [client, username])
        db.run('DELETE FROM clients WHERE rowid <= (SELECT MAX(rowid) FROM clients) - ?', [MAX_CLIENTS])
      },
      async usernameOf(client) {
        const row = db.get('SELECT username FROM clients WHERE client = ?', [client]) as Row | null
        return typeof row?.username === 'string' ? row.username : undefined
      },
      async setOnline(username, online) {
        const sql = online ? 'INSERT OR IGNORE INTO online (username) VALUES (?)' : 'DELETE FROM online WHERE username = ?'
        return db.run(sql, [username]).changes > 0
      },
      async online() {
        const rows = db.all('SELECT username FROM online ORDER BY username') as Row[]
        return rows.map((row) => String(row.username))
      },
    },
    async close() {
      listeners.clear()
      if (db.isOpen) db.close()
      claim?.release()
    },
  }
}
