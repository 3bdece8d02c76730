/** Runs a callback on the next animation frame (a 16 ms timer where there are no frames); a callback already pending runs once. */
export type FrameScheduler = (callback: () => void) => void

/**
 * One requestAnimationFrame for every pending subscriber of a client: browsers run microtasks
 * between separate rAF callbacks, so one callback per hook would let React commit once per hook.
 */
export function createFrameScheduler(): FrameScheduler {
  let pending: Set<() => void> | undefined
  return (callback) => {
    if (!pending) {
      const batch = (pending = new Set())
      const flush = () => {
        pending = undefined
        for (const run of batch) run()
      }
      const { requestAnimationFrame } = globalThis
      if (requestAnimationFrame) requestAnimationFrame(flush)
      else setTimeout(flush, 16)
    }
    pending.add(callback)
  }
}
