import type { SSEMessage, Transport, TransportRequest, TransportSink } from '../core/transport'
import type { ChannelConstructor, ChannelLike, LocksLike, TabLifecycle } from './environment'
import type { Message, WireState } from './protocol'
import { createReplayGuard, type ReplayGuard } from './replay-guard'

/** What a hub needs from its transport: names, the inner transport, the browser's parts. */
export interface HubContext {
  /** The lock's and the channel's name: the same in every tab for one stream. */
  readonly name: string
  readonly url: string
  readonly inner: (request: TransportRequest) => Transport
  readonly locks: LocksLike
  readonly Channel: ChannelConstructor
  readonly tab: TabLifecycle
  /** The role or the number of tabs changed. */
  onChange(): void
  onDispose(): void
}

/** The stream of this tab that uses the hub, and the types it listens to. */
export interface Local {
  readonly request: TransportRequest
  readonly sink: TransportSink
  readonly types: Set<string>
}

/** What the leading and the following halves of a hub share. */
export interface HubState {
  readonly ctx: HubContext
  /** This hub's name on the channel. */
  readonly me: number
  readonly guard: ReplayGuard
  /** The latest event of each type: what a follower that joins is shown first. */
  readonly latest: Map<string, SSEMessage>
  role: 'leader' | 'follower'
  local?: Local | undefined
  channel?: ChannelLike | undefined
  /** The newest leader's term this tab has heard of (its own, while it leads). */
  term: number
  lastId: string
  tabs: number
  /** When this tab last heard from the leader. */
  heard: number
  /** What this tab shows of the leader, while it follows. */
  remote?: WireState | undefined
  /** When the leader's next try is due, while it waits out a backoff: whoever takes over waits too. */
  until: number
  /** The stream shows a connection this tab does not hold (another's, or one it let go): taking over, it reconnects. */
  relayed: boolean
}

export const createHubState = (ctx: HubContext): HubState => ({
  ctx,
  me: Math.random(),
  guard: createReplayGuard(),
  latest: new Map(),
  role: 'follower',
  term: 0,
  lastId: '',
  tabs: 1,
  heard: 0,
  until: 0,
  relayed: false,
})

export const post = (hub: HubState, message: Message) => hub.channel?.postMessage(message)

/** Tells the leader every type this tab listens to. */
export function postNeed(hub: HubState): void {
  if (hub.local) post(hub, { k: 'need', from: hub.me, types: [...hub.local.types] })
}

export function setTabs(hub: HubState, count: number): void {
  if (count === hub.tabs) return
  hub.tabs = count
  hub.ctx.onChange()
}

/** Hands an event to this tab's stream; `fresh` when it moved the resume point. */
export function deliver(hub: HubState, message: SSEMessage, fresh: boolean): void {
  hub.lastId = message.lastEventId
  // Kept only for a type someone here listens to (or, leading, any tab): others would pile up.
  if (hub.local?.types.has(message.type)) hub.latest.set(message.type, message)
  hub.guard.note(hub.lastId, fresh)
  hub.local?.sink.event(message)
}

export function moveId(hub: HubState, id: string): void {
  hub.lastId = id
  hub.local?.sink.id(id)
}
