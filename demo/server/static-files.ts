import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { sendJson } from './http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/**
 * The page's own script and styles only: no inline script, nothing from elsewhere, and no other site
 * may frame it. The stream and the API are on this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The file's real path, when it is inside `root` once every symlink is followed. */
const inside = async (root: string, file: string): Promise<string | undefined> => {
  const real = await realpath(file).catch(() => undefined)
  return real?.startsWith(root + sep) ? real : undefined
}

/** Serves the built page: hashed assets cached for good, index.html never, so a rebuild shows on reload. */
export function serveStatic(pageDir: string) {
  let realRoot: Promise<string> | undefined
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const root = await (realRoot ??= realpath(pageDir))
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { error: 'method_not_allowed', message: 'use GET' }, { Allow: 'GET, HEAD' })
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    } catch {
      return sendJson(res, 400, { error: 'invalid_body', message: 'bad path' })
    }
    // A symlink in the folder that points out of it is outside too.
    const file = await inside(root, normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname)))
    const info = file === undefined ? undefined : await stat(file).catch(() => undefined)
    if (file === undefined || !info?.isFile()) return sendJson(res, 404, { error: 'not_found', message: `no file ${pathname}` })
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Frame-Options': 'DENY', // frame-ancestors for browsers that predate it
      'Referrer-Policy': 'no-referrer',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).pipe(res)
  }
}
