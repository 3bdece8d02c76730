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

/** Connections in a row that may end early (flaps) before our backoff takes over from the transport's own retry. */
export const FLAP_LIMIT = 3

/** What the retry decision needs to know of a stream. */
export interface RetryCounts {
  /** Our retries since the stream last opened. */
  readonly attempt: number
  /** Connections that ended early since the last one that lasted. */
  readonly flaps: number
  /** Connections in a row that opened and delivered nothing. */
  readonly silent: number
}

/**
 * The wait before our next try, or `undefined` once the budget is spent. Each flap past the limit
 * lengthens the wait, so a server that keeps hanging up is backed off further; only failures and
 * connections that deliver nothing spend the budget, so a server making progress is never given up on.
 *
 * @example
 * retryDelay({ maxRetries: 3 }, { attempt: 3, flaps: 0, silent: 0 }, Math.random) // undefined: spent
 */
export function retryDelay(
  policy: ReconnectPolicy | false,
  { attempt, flaps, silent }: RetryCounts,
  random: () => number,
): number | undefined {
  const past = (count: number) => Math.max(0, count + 1 - FLAP_LIMIT)
  if (policy === false || attempt + past(silent) >= (policy.maxRetries ?? defaultReconnectPolicy.maxRetries)) return undefined
  return backoffDelay(attempt + past(flaps), policy, random)
}
