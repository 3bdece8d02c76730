declare const process: { env: { NODE_ENV?: string } } | undefined

/**
 * A URL resolved against the document, so relative and absolute forms of one stream share. With no
 * document to resolve against (Node, a worker), a relative URL is returned as it is: the transport
 * will fail on it, and development builds say why.
 */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href).href
  } catch {
    // Development only (see report.ts for why the check is written out).
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      console.warn(`sse-hooks: ${url} is not an absolute URL, and there is no document to resolve it against: pass an absolute one`)
    }
    return url
  }
}
