/** Runs a callback on the next animation frame; a callback already pending runs once. */
export type FrameScheduler = (callback: () => void) => void

/** Frames stop in background tabs; values still move this often there (browsers may throttle it further). */
const HIDDEN_FLUSH_MS = 100

/**
 * One requestAnimationFrame for every pending subscriber of a client: browsers run microtasks
 * between separate rAF callbacks, so one callback per hook would let React commit once per hook.
 * A timer races the frame, so a hidden tab (no frames) still updates titles and badges.
 */
export function createFrameScheduler(): FrameScheduler {
  let pending: Set<() => void> | undefined
  return (callback) => {
    if (!pending) {
      const batch = (pending = new Set())
      const flush = () => {
        if (pending !== batch) return // the other of frame and timer came first
        clearTimeout(timer)
        pending = undefined
        for (const run of batch) run()
      }
      // Looked up now: server and worker hosts have no frames, only the timer.
      const frame = globalThis.requestAnimationFrame as typeof requestAnimationFrame | undefined
      frame?.(flush)
      const timer = setTimeout(flush, frame ? HIDDEN_FLUSH_MS : 16)
    }
    pending.add(callback)
  }
}
