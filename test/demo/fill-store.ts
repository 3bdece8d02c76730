import { createRequire } from 'node:module'
import type * as Sqlite from 'node-sqlite3-wasm'
import { openSqliteLog } from '../../demo/server/log/sqlite-log'

const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof Sqlite

/** `count` messages from `username` written to a store file in one transaction: a long history in a second, not a post at a time. */
export async function fillStore(file: string, count: number, text: (n: number) => string, username = 'ada'): Promise<void> {
  await openSqliteLog({ file }).close() // the schema, as the server makes it
  const db = new Database(file)
  db.exec('BEGIN')
  const insert = db.prepare('INSERT INTO events (type, body) VALUES (?, ?)')
  for (let n = 0; n < count; n++) insert.run(['usermessage', JSON.stringify({ username, text: text(n), time: new Date(0).toISOString() })])
  insert.finalize()
  db.exec('COMMIT')
  db.close()
}
