import type { IncomingMessage } from 'node:http'

/** Who a request comes from, for limits: the socket's address, or `X-Forwarded-For`'s first one behind a proxy you run. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for']
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]?.trim() || 'unknown'
  return req.socket.remoteAddress ?? 'unknown'
}
