import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useSSEEvent } from 'sse-hooks'
import { compareEventIds } from '../../shared/event-id'
import type { ChatHistory, ChatMessage } from '../../shared/protocol'
import { history } from '../chat'
import { Avatar } from './Avatar'

const KEEP = 200

const formatTime = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** History is exact up to its lastEventId; live events add what came after. */
function mergeMessages(loaded: ChatHistory | null, live: ChatMessage[]): ChatMessage[] {
  if (!loaded) return live
  return [...loaded.messages, ...live.filter((message) => compareEventIds(message.id, loaded.lastEventId) > 0)].slice(-KEEP)
}

/** The messages: `/api/history`, then every `usermessage` in order, through the listener form of useSSEEvent. */
export function Wall({ me }: { me: string | null }) {
  const loaded = useSyncExternalStore(history.subscribe, history.getSnapshot)
  const [live, setLive] = useState<ChatMessage[]>([])
  useSSEEvent('usermessage', (message) => setLive((all) => [...all, message].slice(-KEEP)))
  // The server lost our place (or restarted): start over from the history it is reloading.
  useSSEEvent('reset', () => setLive([]))
  const messages = useMemo(() => mergeMessages(loaded, live), [loaded, live])

  const listRef = useRef<HTMLOListElement>(null)
  const followRef = useRef(true)
  // Keep the newest message in view, unless the reader scrolled up to read older ones.
  useLayoutEffect(() => {
    const list = listRef.current
    if (list && followRef.current) list.scrollTop = list.scrollHeight
  }, [messages])
  const onScroll = () => {
    const list = listRef.current
    if (list) followRef.current = list.scrollHeight - list.scrollTop - list.clientHeight < 48
  }

  return (
    <div className="wall">
      {messages.length === 0 && (
        <p className="wall-empty">{loaded ? 'No messages yet. Pick a name and say hello.' : 'Loading messages…'}</p>
      )}
      <ol
        ref={listRef}
        className="messages"
        aria-label="Messages"
        aria-live="polite"
        aria-relevant="additions"
        data-testid="wall"
        tabIndex={0}
        onScroll={onScroll}
      >
        {messages.map((message) => (
          <li key={message.id} className={message.username === me ? 'message mine' : 'message'} data-testid="message">
            <Avatar name={message.username} />
            <div className="message-body">
              <p className="message-meta">
                <span className="message-author" data-testid="message-author">
                  {message.username}
                </span>
                <time dateTime={message.time}>{formatTime(message.time)}</time>
              </p>
              <p className="message-text" data-testid="message-text">
                {message.text}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
