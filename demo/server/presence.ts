import type { EventLog } from './log/types'

const MAX_KNOWN_CLIENTS = 10_000

export interface PresenceOptions {
  log: EventLog
  /** How long a user stays online after their last stream closed, so a reconnect is not a leave. */
  graceMs: number
  isoNow: () => string
}

/**
 * Who is online. A client joins under its id (the page keeps one per browser, and
 * its tabs share one stream); its user is online while one of their clients has a
 * stream open here, or closed one less than `graceMs` ago: the grace covers a
 * reconnect, and a tab taking over the stream when the tab that held it closes.
 * The store holds the bindings and the online set, so a restart keeps them and
 * several processes announce each change once.
 */
export function createPresence({ log, graceMs, isoNow }: PresenceOptions) {
  const usernameByClient = new Map<string, string>()
  const openStreams = new Map<string, number>()
  const graceTimers = new Map<string, ReturnType<typeof setTimeout>>()
  const sweepTimers = new Set<ReturnType<typeof setTimeout>>()
  let closed = false
  // One change at a time, so the events come out in the order things happened.
  let queue = Promise.resolve()
  const serially = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => console.error('presence:', error))
    return queue
  }

  const isPresent = (username: string) => {
    for (const [client, name] of usernameByClient) {
      if (name === username && ((openStreams.get(client) ?? 0) > 0 || graceTimers.has(client))) return true
    }
    return false
  }

  const refresh = async (username: string | undefined) => {
    if (username === undefined || closed) return
    const present = isPresent(username)
    if (await log.presence.setOnline(username, present)) {
      await log.append(present ? 'userconnect' : 'userdisconnect', { username, time: isoNow() })
    }
  }

  const remember = (client: string, username: string) => {
    usernameByClient.delete(client) // re-inserted last: the Map's order is the eviction order
    usernameByClient.set(client, username)
    for (const [id] of usernameByClient) {
      if (usernameByClient.size <= MAX_KNOWN_CLIENTS) break
      if (!openStreams.has(id) && !graceTimers.has(id)) usernameByClient.delete(id)
    }
  }

  return {
    join: (client: string, username: string) =>
      serially(async () => {
        const previous = usernameByClient.get(client) ?? (await log.presence.usernameOf(client))
        await log.presence.bind(client, username)
        remember(client, username)
        if (previous !== username) await refresh(previous)
        await refresh(username)
      }),
    /** Whether a stream that opens for `client` now would announce its user as come online (and, later, gone). */
    async wouldAnnounce(client: string): Promise<boolean> {
      const username = usernameByClient.get(client) ?? (await log.presence.usernameOf(client))
      if (username === undefined || isPresent(username)) return false
      return !(await log.presence.online()).includes(username)
    },
    /** Counts the stream at once, so a close that comes before the store answers is counted after it. */
    streamOpened(client: string) {
      openStreams.set(client, (openStreams.get(client) ?? 0) + 1)
      clearTimeout(graceTimers.get(client))
      graceTimers.delete(client)
      return serially(async () => {
        const username = usernameByClient.get(client) ?? (await log.presence.usernameOf(client))
        if (username !== undefined) remember(client, username)
        await refresh(username)
      })
    },
    streamClosed(client: string) {
      const count = (openStreams.get(client) ?? 1) - 1
      if (count > 0) return void openStreams.set(client, count)
      openStreams.delete(client)
      if (closed) return
      const timer = setTimeout(() => {
        graceTimers.delete(client)
        void serially(() => refresh(usernameByClient.get(client)))
      }, graceMs)
      graceTimers.set(client, timer)
    },
    /** The client's streams open here: 1 while its tabs share one; more where they cannot (no Web Locks), or for a moment in a takeover. */
    streamsOf: (client: string) => openStreams.get(client) ?? 0,
    /** Clients with at least one stream open here. */
    clientsStreaming: () => openStreams.size,
    /** After a restart: users the store still calls online leave unless one of their browsers is back within `afterMs`. */
    sweep(afterMs: number) {
      const timer = setTimeout(() => {
        sweepTimers.delete(timer)
        void serially(async () => {
          for (const username of await log.presence.online()) await refresh(username)
        })
      }, afterMs)
      sweepTimers.add(timer)
    },
    /** Resolves once every change so far is stored and announced. */
    settled: () => queue,
    close() {
      closed = true
      for (const timer of [...graceTimers.values(), ...sweepTimers]) clearTimeout(timer)
      graceTimers.clear()
      sweepTimers.clear()
    },
  }
}
