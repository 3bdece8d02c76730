import { deliver, moveId, post, postNeed, setTabs, type HubState } from './hub-state'
import type { Election } from './election'
import { fromWire, sameWire, type LeaderMessage, type WireState } from './protocol'

/** A follower that heard nothing from the leader for this long asks whether it is there… */
export const SUSPECT_MS = 700
/** …and takes over when no answer came this soon after: a frozen leader answers nothing. */
export const ANSWER_MS = 300

export interface Follower {
  /** A message of a leader: this one, a newer one, or one since deposed. */
  receive(message: LeaderMessage): void
  /** The heartbeat's beat: a silent leader is asked, then taken over from. */
  beat(): void
  /** Forgets what it showed of the leader (the tab leaves the channel). */
  forget(): void
}

/**
 * The following half of a hub: what the leader relays goes to this tab's stream, and the stream
 * shows the leader's state. `rejoin` makes a tab that led a follower again (a newer leader spoke).
 */
export function createFollower(hub: HubState, election: Election, rejoin: () => void): Follower {
  let pinged = 0

  const show = (state: WireState, tabs: number) => {
    setTabs(hub, tabs)
    if (!sameWire(hub.remote, state)) {
      hub.remote = state
      hub.relayed = true
      hub.local?.sink.follow(fromWire(state))
    }
    // A stream stopped for good (a 204, the budget spent) is not taken over: `reconnect()` revives it.
    if (state.status === 'closed') election.withdraw()
    else if (!election.waiting()) election.claim()
  }

  return {
    receive(message) {
      if (message.t < hub.term) return // from a leader since deposed
      if (message.t > hub.term) {
        // A new leader resumes from the last id it saw: this tab may have more, which it skips.
        if (hub.term) hub.guard.arm()
        hub.term = message.t
        if (hub.role === 'leader') rejoin()
        else postNeed(hub)
      }
      hub.heard = Date.now()
      pinged = 0
      const { local } = hub
      if (hub.role === 'leader' || !local) return
      if (message.k === 'id') return moveId(hub, message.id)
      if (message.k === 'event') {
        if (hub.guard.accept(message.message.lastEventId, message.fresh)) deliver(hub, message.message, message.fresh)
        return
      }
      // The answer to this tab's need: where the leader is, and the current values.
      if (message.to === hub.me) {
        if (message.id !== hub.lastId) moveId(hub, message.id)
        for (const seed of message.latest ?? []) {
          hub.latest.set(seed.type, seed)
          local.sink.latest(seed)
        }
      }
      hub.until = message.until
      show(message.state, message.tabs)
    },
    beat() {
      if (!hub.local || hub.remote?.status === 'closed') return
      const now = Date.now()
      if (now - hub.heard < SUSPECT_MS) return
      if (!pinged) {
        pinged = now
        post(hub, { k: 'ping', from: hub.me })
        return
      }
      if (now - pinged < ANSWER_MS) return
      pinged = 0
      election.steal(hub.heard)
    },
    forget() {
      hub.remote = undefined
    },
  }
}
