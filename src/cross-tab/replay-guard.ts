/** How many recent event ids a tab remembers to recognise a replay. */
const REMEMBERED = 256

export interface ReplayGuard {
  /** Notes an event this tab delivered; `fresh` when it moved the resume point (it carried an id). */
  note(id: string, fresh: boolean): void
  /** A new leader took over: its first events may be ones this tab already delivered. */
  arm(): void
  /** Whether an event is new to this tab. */
  accept(id: string, fresh: boolean): boolean
}

/**
 * Drops what a new leader replays that this tab already has. A new leader resumes from the last
 * id it saw; a tab that had got further skips the events it knows (by id, the rest of their block
 * with them) until the first it does not. Only right after a takeover: a server that reuses ids
 * after a restart is never filtered.
 */
export function createReplayGuard(): ReplayGuard {
  const recent: string[] = []
  let next = 0
  let known: Set<string> | undefined
  let skipping = false
  return {
    note(id, fresh) {
      if (!fresh || !id) return
      recent[next] = id
      next = (next + 1) % REMEMBERED
    },
    arm() {
      known = new Set(recent)
      skipping = false
    },
    accept(id, fresh) {
      if (!known) return true
      if (!fresh || !id) return !skipping
      skipping = known.has(id)
      if (!skipping) known = undefined
      return !skipping
    },
  }
}
