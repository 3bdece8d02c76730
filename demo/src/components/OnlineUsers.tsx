import { useMemo, useState, useSyncExternalStore } from 'react'
import { useSSEEvent } from 'sse-hooks'
import { compareEventIds } from '../../shared/event-id'
import type { ChatHistory } from '../../shared/protocol'
import { history } from '../chat'
import { Avatar } from './Avatar'

interface PresenceChange {
  username: string
  online: boolean
  eventId: string
}

const KEEP = 500

function onlineUsers(loaded: ChatHistory | null, changes: PresenceChange[]): string[] {
  const users = new Set(loaded?.users)
  for (const change of changes) {
    if (loaded && compareEventIds(change.eventId, loaded.lastEventId) <= 0) continue
    if (change.online) users.add(change.username)
    else users.delete(change.username)
  }
  return [...users].sort((a, b) => a.localeCompare(b))
}

/** Who is here: the history's list, then `userconnect` and `userdisconnect` as they happen. */
export function OnlineUsers({ me }: { me: string | null }) {
  const loaded = useSyncExternalStore(history.subscribe, history.getSnapshot)
  const [changes, setChanges] = useState<PresenceChange[]>([])
  const record = (username: string, online: boolean, eventId: string) =>
    setChanges((all) => [...all, { username, online, eventId }].slice(-KEEP))
  useSSEEvent('userconnect', (user, event) => record(user.username, true, event.lastEventId))
  useSSEEvent('userdisconnect', (user, event) => record(user.username, false, event.lastEventId))
  useSSEEvent('reset', () => setChanges([]))
  const users = useMemo(() => onlineUsers(loaded, changes), [loaded, changes])

  return (
    <section className="card" aria-labelledby="online-title">
      <h2 id="online-title" className="card-title">
        Online <span className="count">{users.length}</span>
      </h2>
      {users.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <ul className="users" data-testid="online-users">
          {users.map((name) => (
            <li key={name} className="user">
              <Avatar name={name} />
              <span className="user-name">{name}</span>
              {name === me && <span className="you">you</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
