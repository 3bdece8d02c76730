import type { TransportClose, TransportConnection, TransportRequest, TransportSink } from '../core/transport'
import { createElection } from './election'
import type { CrossTabSnapshot } from './cross-tab'
import type { TabChange } from './environment'
import { createFollower } from './follower'
import { createHubState, post, postNeed, type HubContext, type Local } from './hub-state'
import { createLeader } from './leader'
import type { Message } from './protocol'

export type { HubContext } from './hub-state'

/** Each tab speaks this often: a leader its state, a follower its doubts about a silent leader. */
const HEARTBEAT_MS = 300
/** A leader between two connections (a backoff) keeps leading this long past the next try's time. */
const LINGER_MS = 2000

export interface Hub {
  readonly name: string
  readonly url: string
  /** This tab's part and the tabs sharing: the same object until one of them changes. */
  snapshot(): CrossTabSnapshot
  /** Whether a stream of this tab uses the hub now (one at a time). */
  attached(): boolean
  /** The stream's connection: the inner one while this tab leads, the leader's relay while it follows. */
  attach(request: TransportRequest, sink: TransportSink): TransportConnection
}

/**
 * One stream's share of the browser, in one tab: the tab that holds the Web Lock named after the
 * stream leads (its inner transport holds the only connection, relayed over the channel); the
 * others follow. The hub outlives a connection its stream closes to retry, so a leader in a
 * backoff keeps leading and its followers wait the backoff out with it. The back/forward cache
 * takes a tab out of it all until the page is restored.
 */
export function createHub(ctx: HubContext): Hub {
  const hub = createHubState(ctx)
  const leader = createLeader(hub)
  const election = createElection(hub, leader.lead, () => rejoin())
  /** Follows again, and waits in line for the lock. */
  const rejoin = () => {
    election.release()
    leader.stepDown()
    hub.heard = Date.now()
    if (!hub.channel) return
    election.claim()
    postNeed(hub)
  }
  const follower = createFollower(hub, election, rejoin)
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let linger: ReturnType<typeof setTimeout> | undefined
  let unwatch: (() => void) | undefined
  let shown: CrossTabSnapshot = { role: 'idle', tabs: 0 }

  const receive = ({ data }: MessageEvent<Message | null>) => {
    // Anything else on the channel (another version of this library, say) is not for us.
    if (typeof data?.k !== 'string') return
    if ('t' in data) follower.receive(data)
    else if (hub.role === 'leader') leader.hear(data)
  }
  const beat = () => {
    if (hub.role === 'leader') leader.beat()
    else follower.beat()
  }
  const start = () => {
    hub.channel = new ctx.Channel(ctx.name)
    hub.channel.onmessage = receive
    hub.heard = Date.now()
    election.claim()
    postNeed(hub)
    heartbeat = setInterval(beat, HEARTBEAT_MS)
  }
  /** Lets go of everything: the lock, the place in line, the channel. */
  const leave = () => {
    if (hub.role === 'follower') post(hub, { k: 'leave', from: hub.me })
    election.withdraw()
    election.release()
    leader.stepDown()
    follower.forget()
    clearInterval(heartbeat)
    hub.channel?.close()
    hub.channel = undefined
  }
  const onTab = (change: TabChange) => {
    if (change === 'restore') {
      if (!hub.channel && hub.local) start()
      return
    }
    hub.relayed = true
    leave()
  }
  const dispose = () => {
    clearTimeout(linger)
    unwatch?.()
    leave()
    ctx.onDispose()
  }
  const detach = (next?: TransportClose) => {
    hub.local = undefined
    leader.disconnect(next)
    // A retry or a stop is every tab's news; this tab going is not.
    if (next && next.reason !== 'leave') leader.show(next.snapshot, next.retryAt)
    if (hub.role === 'leader' && next?.reason === 'retry') {
      // A new connection follows, at once or after the backoff: keep leading until then.
      linger = setTimeout(dispose, Math.max(0, next.retryAt - Date.now()) + LINGER_MS)
      return
    }
    dispose()
  }

  return {
    name: ctx.name,
    url: ctx.url,
    snapshot() {
      if (shown.role !== hub.role || shown.tabs !== hub.tabs) shown = { role: hub.role, tabs: hub.tabs }
      return shown
    },
    attached: () => !!hub.local,
    attach(request, sink) {
      clearTimeout(linger)
      const local: Local = { request, sink, types: new Set(request.types) }
      hub.local = local
      hub.lastId = request.lastEventId
      unwatch ??= ctx.tab.subscribe(onTab)
      if (!hub.channel) start()
      else if (hub.role === 'leader') leader.connect()
      else postNeed(hub)
      return {
        close(next) {
          if (hub.local === local) detach(next)
        },
        listen(type, wanted) {
          if (wanted) local.types.add(type)
          else local.types.delete(type)
          if (hub.role === 'leader') leader.syncTypes()
          else postNeed(hub)
        },
        state: leader.show,
      }
    },
  }
}
