import type { Stream } from './stream'

/** Browsers allow about this many HTTP/1.1 connections per origin, across all tabs. */
const CONNECTIONS_PER_ORIGIN = 6

const originOf = (url: string): string => url.split('/').slice(0, 3).join('/')

/** Development only: one warning per origin once a client holds more streams to it than browsers allow. */
export function warnOverBudget(streams: Map<string, Stream>, warnedOrigins: Set<string>, url: string): void {
  const origin = originOf(url)
  const urls = [...streams.values()].map((stream) => stream.url).filter((u) => originOf(u) === origin)
  if (warnedOrigins.has(origin) || urls.length <= CONNECTIONS_PER_ORIGIN) return
  warnedOrigins.add(origin)
  console.warn(
    `sse-hooks: ${urls.length} streams to ${origin}; browsers allow ~${CONNECTIONS_PER_ORIGIN} ` +
      `HTTP/1.1 connections per origin across tabs. Share one stream or use HTTP/2:\n${urls.join('\n')}`,
  )
}
