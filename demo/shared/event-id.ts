// Event ids are opaque strings on the wire. The embedded store issues integers
// ("42"), Redis Streams "<ms>-<seq>" ("1767225600000-0"); both order the same way here.

const EVENT_ID = /^(\d{1,20})(?:-(\d{1,20}))?$/

/** The parts of an id this server could have issued, or `undefined` for anything else. */
export function parseEventId(id: string): [bigint, bigint] | undefined {
  const match = EVENT_ID.exec(id)
  if (!match?.[1]) return undefined
  return [BigInt(match[1]), BigInt(match[2] ?? 0)]
}

/** Negative when `a` came before `b`, positive after, 0 when equal. Unparsable ids sort first. */
export function compareEventIds(a: string, b: string): number {
  const [x, y] = [parseEventId(a), parseEventId(b)]
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0)
  if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1
  if (x[1] === y[1]) return 0
  return x[1] < y[1] ? -1 : 1
}
