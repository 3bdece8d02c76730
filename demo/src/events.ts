import type { ChatMessage, Ping, PresenceEvent, ResetEvent } from '../shared/protocol'

// Declared once: every useSSEEvent('…') below infers its payload from the
// event name, and a misspelt name is a type error.
declare module 'sse-hooks' {
  interface SSEEventMap {
    usermessage: ChatMessage
    userconnect: PresenceEvent
    userdisconnect: PresenceEvent
    ping: Ping
    reset: ResetEvent
  }
}
