/**
 * One SSE event. Only `id` and `type` come from the server, and JSON.stringify
 * escapes CR and LF, so user text can never start a new field. No `id`: the
 * client's resume point stays where it was (pings are live-only).
 */
export const formatEvent = (type: string, data: unknown, id?: string): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`

export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  // nginx and some other proxies buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
} as const
