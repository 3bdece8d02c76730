import type { StreamHandle } from '../core/client'
import type { FrameScheduler } from '../core/schedule'

/**
 * How a hook hands new values to React. The default batches per frame, except where React's
 * `act()` is in charge (React Testing Library sets the flag): there each value renders at once,
 * so a test that emits an event sees it on the next line.
 */
export function scheduleOf(stream: StreamHandle): FrameScheduler | undefined {
  const inAct = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT === true
  return (stream.options.batch ?? 'auto') === 'auto' && inAct ? undefined : stream.schedule
}
