import type { StreamHandle } from '../core/client'
import type { Decoding } from '../core/fanout'
import { browserPage } from '../core/page'
import { setTimer } from '../core/timer'
import type { Unsubscribe } from '../core/types'

/**
 * How long a wait holds the stream: past its settling, so the value is still there when React
 * renders the component again (it may wait for slow siblings), yet bounded for a render that was
 * abandoned; a render still waiting then waits anew.
 */
const HOLD_MS = 60_000

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
    // Resolving again does nothing, so every check may settle.
    const check = () => {
      const arrived = type === undefined ? handle.getSnapshot().status === 'open' : handle.latest(type) !== undefined
      if (arrived || stoppedForGood(handle)) resolve()
    }
    // Any payload counts, a bad one too: the waiter decodes it itself.
    const decoding: Decoding = { state: true, onError: check }
    holds.push(handle.subscribeState(check))
    if (type !== undefined) holds.push(handle.subscribe(type, check, decoding))
    // A stream stopped while the page was hidden counts as stopped once it is visible.
    holds.push((handle.options.page ?? browserPage).subscribe(check))
    setTimer(() => {
      resolve()
      for (const release of holds) release()
    }, HOLD_MS)
    check()
  })
}
