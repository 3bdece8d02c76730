import type { IncomingMessage } from 'node:http'
import { clientAddress } from './client-address'
import { HttpError } from './http'

export interface RateLimit {
  /** Posts allowed at once. */
  burst: number
  /** Posts regained per second. */
  perSecond: number
}

const MAX_RATE_BUCKETS = 10_000

interface Bucket {
  tokens: number
  updated: number
}

/** A token bucket per client address, for posts, joins and presence; `take` throws 429 with Retry-After when the bucket is empty. */
export function createRateLimiter({ burst, perSecond }: RateLimit, now: () => number, trustProxy: boolean) {
  const buckets = new Map<string, Bucket>()
  const refill = (bucket: Bucket, time: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.updated) / 1000) * perSecond)
    bucket.updated = time
  }
  return {
    take(req: IncomingMessage): void {
      const key = clientAddress(req, trustProxy)
      const time = now()
      if (buckets.size >= MAX_RATE_BUCKETS && !buckets.has(key)) {
        // Forget the full buckets: they are what a new bucket would be.
        for (const [name, bucket] of buckets) {
          refill(bucket, time)
          if (bucket.tokens >= burst) buckets.delete(name)
        }
      }
      let bucket = buckets.get(key)
      if (!bucket) buckets.set(key, (bucket = { tokens: burst, updated: time }))
      refill(bucket, time)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return
      }
      const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond))
      throw new HttpError(
        429,
        { error: 'rate_limited', message: `too many posts: try again in ${seconds} s` },
        { 'Retry-After': String(seconds) },
      )
    },
  }
}
