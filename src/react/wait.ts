import type { StreamHandle } from '../core/client'
import type { Decoding } from '../core/fanout'
import { browserPage } from '../core/page'
import { setTimer } from '../core/timer'
import type { Unsubscribe } from '../core/types'

/** How long a settled wait keeps holding the stream: the component that waited subscribes when React renders it again. */
const HOLD_AFTER_MS = 5000
/** The longest a wait holds a stream for a render that may have been abandoned; a render still waiting then waits anew. */
const WAIT_AT_MOST_MS = 60_000

/**
 * Whether the stream has stopped for good: `close()`, a final answer (a 204) or a spent retry
 * budget. A stream paused because the page is hidden is closed only for now.
 */
export function stoppedForGood(handle: StreamHandle): boolean {
  if (handle.getSnapshot().status !== 'closed') return false
  return !handle.options.pauseWhenHidden || (handle.options.page ?? browserPage).visible()
}

/**
 * Settles once the stream has an event of `type` (valid or not; with no type, once it is open) or
 * has stopped for good. It opens the stream and holds it meanwhile, and for a while after, so that
 * the value is still there for whoever waited.
 */
export function waitFor(handle: StreamHandle, type: string | undefined): Promise<void> {
  return new Promise((resolve) => {
    const holds: Unsubscribe[] = []
    let settled = false
    const settle = () => {
      if (settled) return
      settled = true
      resolve()
      setTimer(() => {
        for (const release of holds) release()
      }, HOLD_AFTER_MS)
    }
    const check = () => {
      const arrived = type === undefined ? handle.getSnapshot().status === 'open' : handle.latest(type) !== undefined
      if (arrived || stoppedForGood(handle)) settle()
    }
    // Any payload counts, a bad one too: the waiter decodes it itself.
    const decoding: Decoding = { state: true, onError: check }
    holds.push(handle.subscribeState(check))
    if (type !== undefined) holds.push(handle.subscribe(type, check, decoding))
    setTimer(settle, WAIT_AT_MOST_MS)
    check()
  })
}
