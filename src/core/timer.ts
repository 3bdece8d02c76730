/** The longest wait a timer can hold (about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * `setTimeout` that never keeps a Node process alive on its own (Node's timers have `unref`; a
 * browser's are numbers): a stream waiting out a backoff must not hold a script or a test open.
 */
export function setTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, ms)
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}
