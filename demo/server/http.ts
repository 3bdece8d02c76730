import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiError } from '../shared/protocol'

/** An answer other than success; `fail` turns it into a JSON error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message)
  }
}

export const fieldError = (field: string, message: string) => new HttpError(400, { error: 'invalid_field', message, field })

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(JSON.stringify(body))
}

/** Errors that mean the client went away or was cut off for stalling: nothing to answer, nothing broken here. */
const GONE = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_HTTP_REQUEST_TIMEOUT', 'ECONNABORTED'])

/** Answers a failed request: a JSON error, or a cut connection once a stream has started. */
export function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code === 'string' && GONE.has(code)) {
    // One line, not a stack: a client that hangs up mid-upload is ordinary, and thousands of them must not flood the log.
    console.warn(`${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname}: the client went away (${code})`)
    return void res.destroy()
  }
  if (res.headersSent) return void res.destroy()
  if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers)
  console.error(error)
  sendJson(res, 500, { error: 'unavailable', message: 'internal error' })
}

/** Reads a JSON object body of at most `limit` bytes. */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new HttpError(415, { error: 'unsupported_media_type', message: 'send Content-Type: application/json' })
  }
  const tooLarge = () =>
    new HttpError(
      413,
      { error: 'body_too_large', message: `the body must be at most ${limit} bytes` },
      // Stop reading the rest of an oversized upload.
      { Connection: 'close' },
    )
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    chunks.push(chunk)
  }
  let body: unknown
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, { error: 'invalid_json', message: 'the body is not valid JSON' })
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, { error: 'invalid_body', message: 'the body must be a JSON object' })
  }
  return body as Record<string, unknown>
}
