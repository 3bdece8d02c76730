import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Session } from '../shared/protocol'
import { HttpError } from './http'

export interface SessionsOptions {
  /** How long a token lives, in ms. */
  ttlMs: number
  /** Signs tokens. Processes that share a secret accept each other's tokens; a fresh one each start. */
  secret?: Uint8Array | string | undefined
  now: () => number
}

/**
 * Session tokens for the stream's `Authorization: Bearer` header: signed, expiring, kept nowhere on
 * the server. A token that is present must be valid; a stream without one stays readable, so plain
 * EventSource clients and `curl` work as before.
 */
export function createSessions({ ttlMs, secret = randomBytes(32), now }: SessionsOptions) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')

  return {
    issue(): Session {
      const expires = now() + ttlMs
      const payload = `${expires}.${randomBytes(12).toString('base64url')}`
      return { token: `${payload}.${sign(payload)}`, expiresAt: new Date(expires).toISOString() }
    },

    /** Throws a 401 when the request carries a token that is malformed, forged or expired. */
    check(req: IncomingMessage): void {
      const header = req.headers.authorization
      if (header === undefined) return
      const token = /^Bearer ([\w.-]{1,200})$/.exec(header)?.[1] ?? ''
      const parts = token.split('.')
      const [expires = '', nonce = '', signature = ''] = parts.length === 3 ? parts : []
      const expected = Buffer.from(sign(`${expires}.${nonce}`))
      const given = Buffer.from(signature)
      const genuine = given.length === expected.length && timingSafeEqual(given, expected)
      if (genuine && Number(expires) > now()) return
      throw new HttpError(
        401,
        { error: 'unauthorized', message: genuine ? 'the session token has expired' : 'the session token is not valid' },
        { 'WWW-Authenticate': 'Bearer' },
      )
    },
  }
}
