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

const unauthorized = (message: string) => new HttpError(401, { error: 'unauthorized', message }, { 'WWW-Authenticate': 'Bearer' })

/**
 * Session tokens, `Authorization: Bearer <expires>.<nonce>.<name>.<signature>`: each says which
 * name it was issued to, signed and expiring, kept nowhere on the server. Posting needs one and
 * posts under its name; a stream may go without (the wall is public), but a token that is present
 * must be valid, so an expired one gets a 401 that the page answers with a fresh one.
 */
export function createSessions({ ttlMs, secret = randomBytes(32), now }: SessionsOptions) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')

  /** The name a token was issued to; throws a 401 for one that is malformed, forged or expired. */
  const verify = (header: string): string => {
    const token = /^Bearer ([\w.-]{1,400})$/.exec(header)?.[1] ?? ''
    const parts = token.split('.')
    const [expires = '', nonce = '', name = '', signature = ''] = parts.length === 4 ? parts : []
    const expected = Buffer.from(sign(`${expires}.${nonce}.${name}`))
    const given = Buffer.from(signature)
    const genuine = given.length === expected.length && timingSafeEqual(given, expected)
    if (!genuine) throw unauthorized('the session token is not valid: join again')
    if (Number(expires) <= now()) throw unauthorized('the session token has expired: join again')
    return Buffer.from(name, 'base64url').toString('utf8')
  }

  return {
    /** A token for `username`. */
    issue(username: string): Session {
      const expires = now() + ttlMs
      const payload = `${expires}.${randomBytes(12).toString('base64url')}.${Buffer.from(username).toString('base64url')}`
      return { username, token: `${payload}.${sign(payload)}`, expiresAt: new Date(expires).toISOString() }
    },
    /** The request's user: its token's name, or `undefined` when it sends none; a 401 for a bad one. */
    userOf(req: IncomingMessage): string | undefined {
      const header = req.headers.authorization
      return header === undefined ? undefined : verify(header)
    },
    /** Like `userOf`, but a request with no token gets a 401 too. */
    requireUser(req: IncomingMessage): string {
      const header = req.headers.authorization
      if (header === undefined) throw unauthorized('posting needs a session token: join first')
      return verify(header)
    },
  }
}
