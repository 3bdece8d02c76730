import type { HubState } from './hub-state'
import { noop } from '../core/noop'

/** How long a tab that took the lock from a silent leader keeps others from doing the same. */
export const STEAL_GUARD_MS = 300

export interface Election {
  /** Waits in line for the lock, or, with `steal`, takes it. */
  claim(steal?: boolean): void
  /** Waits in line no more; a grant already on its way is given straight back. */
  withdraw(): void
  /** Whether this tab waits in line now. */
  waiting(): boolean
  /** Lets go of the lock, if this tab holds it. */
  release(): void
  /**
   * Takes the lock from a leader that went silent at `quiet` (the time it was last heard), unless
   * another tab is taking it already or the leader has spoken since.
   */
  steal(quiet: number): void
}

/** The Web Lock named after the stream: who holds it leads. `onLead` runs when this tab gets it, `onStolen` when it loses it. */
export function createElection(hub: HubState, onLead: () => void, onStolen: () => void): Election {
  /** Numbers lock requests: a grant for an older one is given straight back. */
  let claims = 0
  /** The request that made this tab the leader. */
  let leading = 0
  let release: (() => void) | undefined
  let waiting: AbortController | undefined
  const { locks, name } = hub.ctx

  const claim = (steal = false) => {
    waiting?.abort()
    // Still waiting until it leads: a state message meanwhile must not ask again and give the grant back.
    const abort = (waiting = new AbortController())
    const id = ++claims
    let lost = false
    const granted = () =>
      new Promise<void>((letGo) => {
        // A task first, so that what the old leader sent before letting go is read before leading.
        setTimeout(() => {
          if (waiting === abort) waiting = undefined
          // Stolen already (this tab froze right after the grant), withdrawn, or gone: give it back.
          if (lost || id !== claims || !hub.channel) return letGo()
          leading = id
          release = letGo
          onLead()
        })
      })
    locks.request(name, steal ? { steal: true } : { signal: abort.signal }, granted).catch(() => {
      // Stolen while leading (this tab was frozen, say); an aborted wait needs nothing.
      lost = true
      if (leading === id) onStolen()
    })
  }

  return {
    claim,
    withdraw() {
      waiting?.abort()
      waiting = undefined
      claims++
    },
    waiting: () => !!waiting,
    release() {
      leading = 0
      release?.()
      release = undefined
    },
    steal(quiet) {
      locks
        .request(`${name} steal`, { ifAvailable: true }, async (lock) => {
          // Another tab is taking over, or the leader spoke meanwhile.
          if (!lock || hub.heard !== quiet || hub.role !== 'follower' || !hub.channel) return
          claim(true)
          // Held a little while, so a tab that suspected the same silence finds it taken.
          await new Promise((done) => setTimeout(done, STEAL_GUARD_MS))
        })
        .catch(noop)
    },
  }
}
