/** How the client retries once the browser has given up on a stream. */
export interface ReconnectPolicy {
  /** Upper bound of the first delay, in ms. Default 1000. */
  initialDelay?: number | undefined
  /** Cap on any delay, in ms. Default 30000. */
  maxDelay?: number | undefined
  /** Growth per attempt. Default 2. */
  factor?: number | undefined
  /** Attempts in a row before giving up (status `closed`). Resets once a connection opens. Default 10. */
  maxRetries?: number | undefined
}

/** The retry policy of a stream with no `reconnect` option. */
export const defaultReconnectPolicy: Readonly<Record<keyof ReconnectPolicy, number>> = {
  initialDelay: 1000,
  maxDelay: 30_000,
  factor: 2,
  maxRetries: 10,
}

/**
 * Exponential backoff with full jitter: a uniformly random delay in
 * `[0, min(maxDelay, initialDelay * factor ** attempt))`. Full jitter spreads
 * the retries of many clients that failed at the same moment. Unset fields
 * take their default.
 *
 * @example
 * backoffDelay(3) // somewhere in [0, 8000)
 * backoffDelay(0, { initialDelay: 250 }) // somewhere in [0, 250)
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy = {}, random: () => number = Math.random): number {
  const { initialDelay = 1000, maxDelay = 30_000, factor = 2 } = policy
  return Math.floor(random() * Math.min(maxDelay, initialDelay * factor ** attempt))
}
