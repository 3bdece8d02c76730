import type { RemoteState, SSEMessage, TransportClose, TransportConnection, TransportSink } from '../core/transport'
import type { StreamSnapshot } from '../core/types'
import { deliver, moveId, post, setTabs, type HubState } from './hub-state'
import { plainMessage, sameWire, toWire, type FollowerMessage, type WireState } from './protocol'
import { noop } from '../core/noop'

export interface Leader {
  /** This tab got the lock: a new term, and the inner connection. */
  lead(): void
  /** This tab leads no more: its inner connection closes. */
  stepDown(): void
  /** Opens the inner connection for this tab's stream, if it leads and has none. */
  connect(): void
  disconnect(next?: TransportClose): void
  /** This tab's stream listens to other types now. */
  syncTypes(): void
  /** What this tab's stream shows (and, waiting out a backoff, until when): followers show it too. */
  show(snapshot: StreamSnapshot, retryAt?: number): void
  hear(message: FollowerMessage): void
  /** The heartbeat's beat: the state again, and the count of tabs. */
  beat(): void
}

const connecting: WireState = { status: 'connecting', readyState: 0, error: null }
const reconnecting: RemoteState = { status: 'reconnecting', readyState: 0, error: null }

/** The leading half of a hub: the inner connection, relayed to every tab; the types they need; their count. */
export function createLeader(hub: HubState): Leader {
  /** Followers by id, and the types each needs. */
  const followers = new Map<number, Set<string>>()
  let inner: TransportConnection | undefined
  /** Numbers inner connections, so the reports of a closed one are ignored. */
  let run = 0
  let listened = new Set<string>()
  /** What this tab's stream shows, and when its next try is due while it waits out a backoff. */
  let shown = connecting
  let until = 0

  const state = () => ({ k: 'state', t: hub.term, state: shown, tabs: hub.tabs, id: hub.lastId, until }) as const
  const announce = () => post(hub, state())

  const union = () => {
    const types = new Set(hub.local?.types)
    for (const needs of followers.values()) for (const type of needs) types.add(type)
    return types
  }
  const syncTypes = () => {
    const next = union()
    for (const type of next) if (!listened.has(type)) inner?.listen?.(type, true)
    for (const type of listened) {
      if (next.has(type)) continue
      inner?.listen?.(type, false)
      hub.latest.delete(type) // its next events pass by: what is kept would go stale
    }
    listened = next
  }
  /**
   * Every tab gets every event, as the same plain object (a native `MessageEvent` cannot cross a
   * channel): one that no stream of a tab listens to still moves its resume point.
   */
  const relay = (event: SSEMessage) => {
    const message = plainMessage(event)
    const fresh = message.lastEventId !== hub.lastId
    deliver(hub, message, fresh)
    if (listened.has(message.type)) hub.latest.set(message.type, message)
    post(hub, { k: 'event', t: hub.term, message, fresh })
  }
  const relayId = (id: string) => {
    moveId(hub, id)
    post(hub, { k: 'id', t: hub.term, id })
  }
  const connect = () => {
    const { local } = hub
    if (!local || inner || hub.role !== 'leader') return
    const current = ++run
    until = 0
    const { request, sink } = local
    // What the inner connection reports goes to this tab's stream, and events and ids to every tab;
    // nothing once it is closed.
    const relaying = new Proxy(sink, {
      get(target, report: keyof TransportSink) {
        if (current !== run) return noop
        if (report === 'event') return relay
        if (report === 'id') return relayId
        return target[report]
      },
    })
    listened = union()
    try {
      inner = hub.ctx.inner(request).open({ ...request, lastEventId: hub.lastId, types: listened }, relaying)
    } catch (cause) {
      sink.error({ fatal: true, final: true, message: String(cause), cause })
    }
  }
  const disconnect = (next?: TransportClose) => {
    run++
    inner?.close(next)
    inner = undefined
  }
  /** Every tab that follows says so (`need`) and says when it goes (`leave`, on `pagehide`). */
  const countTabs = () => setTabs(hub, 1 + followers.size)

  return {
    lead() {
      hub.role = 'leader'
      hub.term = Math.max(hub.term + 1, Date.now())
      followers.clear()
      // A stream that showed a connection this tab did not hold now waits for its own.
      if (hub.relayed) hub.local?.sink.follow(reconnecting)
      hub.relayed = false
      announce()
      const wait = hub.until - Date.now()
      hub.until = 0
      // The old leader went half-way through a backoff: this tab waits out the rest, as it would have.
      if (wait > 0)
        hub.local?.sink.error({ fatal: true, retryAfter: wait, status: hub.remote?.error?.status, message: hub.remote?.error?.message })
      else connect()
      hub.remote = undefined
      // What it counted as a follower is the old leader's count: count again.
      countTabs()
      hub.ctx.onChange()
    },
    stepDown() {
      hub.role = 'follower'
      followers.clear()
      disconnect()
      hub.ctx.onChange()
    },
    connect,
    disconnect,
    syncTypes,
    show(snapshot, retryAt = 0) {
      const next = toWire(snapshot)
      if (hub.role !== 'leader' || (sameWire(shown, next) && retryAt === until)) return
      shown = next
      until = retryAt
      announce()
    },
    hear(message) {
      if (message.k === 'ping') return announce()
      const known = followers.get(message.from)
      if (message.k === 'leave') followers.delete(message.from)
      else followers.set(message.from, new Set(message.types))
      syncTypes()
      countTabs()
      if (message.k === 'leave') return
      const seeds = message.types.filter((type) => !known?.has(type)).flatMap((type) => hub.latest.get(type) ?? [])
      post(hub, { ...state(), to: message.from, latest: seeds })
    },
    beat() {
      if (!followers.size) return
      announce()
      countTabs()
    },
  }
}
