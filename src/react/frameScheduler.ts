/** Runs callbacks on the next animation frame (a 16 ms timer where there are no frames). */
export interface FrameScheduler {
  schedule(callback: () => void): void
  cancel(callback: () => void): void
}

/**
 * One requestAnimationFrame for every pending hook of a provider: browsers run microtasks between
 * separate rAF callbacks, so one callback per hook would let React commit once per hook.
 */
export function createFrameScheduler(): FrameScheduler {
  const pending = new Set<() => void>()
  let cancelFrame: (() => void) | undefined
  const flush = () => {
    cancelFrame = undefined
    const callbacks = [...pending]
    pending.clear()
    for (const callback of callbacks) callback()
  }
  return {
    schedule(callback) {
      pending.add(callback)
      if (cancelFrame) return
      const { requestAnimationFrame: request, cancelAnimationFrame } = globalThis
      if (request) {
        const frame = request(flush)
        cancelFrame = () => cancelAnimationFrame(frame)
      } else {
        const timer = globalThis.setTimeout(flush, 16)
        cancelFrame = () => globalThis.clearTimeout(timer)
      }
    },
    cancel(callback) {
      pending.delete(callback)
      if (pending.size || !cancelFrame) return
      cancelFrame()
      cancelFrame = undefined
    },
  }
}
