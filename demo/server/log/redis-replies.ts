import { isLoggedType, materialize, type LoggedEvent } from './types'

// Raw RESP2 replies of the stream commands, read by hand: the shapes are small
// and stable, and this keeps the store independent of one client's typings.

type Entry = [id: string, fields: string[]]

const isEntry = (value: unknown): value is Entry => Array.isArray(value) && typeof value[0] === 'string' && Array.isArray(value[1])

/** XRANGE / XREVRANGE: `[[id, [field, value, …]], …]` → events (entries of unknown types are skipped). */
export function readEntries(reply: unknown): LoggedEvent[] {
  if (!Array.isArray(reply)) return []
  return reply.filter(isEntry).flatMap(([id, fields]) => {
    const field = (name: string) => {
      const index = fields.indexOf(name)
      return index % 2 === 0 ? fields[index + 1] : undefined
    }
    const type = field('type')
    const body = field('body')
    if (!isLoggedType(type) || body === undefined) return []
    return [materialize(type, id, JSON.parse(body) as never)]
  })
}

/** XREAD on one key: `[[key, entries]]`, or null when BLOCK ran out. */
export function readStreamReply(reply: unknown): LoggedEvent[] {
  if (!Array.isArray(reply)) return []
  const [first] = reply as unknown[]
  return Array.isArray(first) ? readEntries(first[1]) : []
}

/** XINFO STREAM: a flat `[name, value, …]` list; the ids that say what was issued and what was trimmed. */
export function readStreamInfo(reply: unknown): { lastId: string; trimmedThrough: string; length: number } {
  const info = new Map<string, unknown>()
  if (Array.isArray(reply)) for (let i = 0; i + 1 < reply.length; i += 2) info.set(String(reply[i]), reply[i + 1])
  const text = (name: string, fallback: string) => {
    const value = info.get(name)
    return typeof value === 'string' ? value : fallback
  }
  return {
    lastId: text('last-generated-id', '0-0'),
    trimmedThrough: text('max-deleted-entry-id', '0-0'),
    length: Number(info.get('length') ?? 0),
  }
}
