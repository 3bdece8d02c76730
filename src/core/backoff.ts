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

export type ResolvedReconnectPolicy = { readonly [K in keyof ReconnectPolicy]-?: number }

export const defaultReconnectPolicy: ResolvedReconnectPolicy = {
  initialDelay: 1000,
  maxDelay: 30_000,
  factor: 2,
  maxRetries: 10,
}

/**
 * Exponential backoff with full jitter: a uniformly random delay in
 * `[0, min(maxDelay, initialDelay * factor ** attempt))`. Full jitter spreads
 * the retries of many clients that failed at the same moment.
 *
 * @example
 * backoffDelay(3, defaultReconnectPolicy) // somewhere in [0, 8000)
 */
export function backoffDelay(
  attempt: number,
  policy: ResolvedReconnectPolicy = defaultReconnectPolicy,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxDelay, policy.initialDelay * policy.factor ** attempt)
  return Math.floor(random() * cap)
}

/** Fills a partial policy with the defaults; an explicit `undefined` keeps the default. */
export function resolveReconnectPolicy(policy: ReconnectPolicy = {}): ResolvedReconnectPolicy {
  return {
    initialDelay: policy.initialDelay ?? defaultReconnectPolicy.initialDelay,
    maxDelay: policy.maxDelay ?? defaultReconnectPolicy.maxDelay,
    factor: policy.factor ?? defaultReconnectPolicy.factor,
    maxRetries: policy.maxRetries ?? defaultReconnectPolicy.maxRetries,
  }
}
