import type { TransportFailure } from '../core/transport'
import type { FetchHeadersReason, FetchLike, FetchTransportOptions } from './options'
import { requestInit } from './request'
import { responseFailure } from './response'
import { noop } from '../core/noop'

/** The `fetch` to call: the option, else `globalThis.fetch` looked up now (polyfills installed late count). */
export function fetchOf(options: { readonly fetch?: FetchLike | undefined }): FetchLike {
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') throw new TypeError('sse-hooks/fetch: no fetch; pass the fetch option')
  return fetchImpl
}

/** Where one request goes and what it resumes from. */
export interface SendTarget {
  readonly url: string
  readonly lastEventId: string
  readonly withCredentials: boolean
  readonly signal: AbortSignal
}

/**
 * Sends one request and checks its answer: the response when it is an event stream to read, else
 * the failure (its body cancelled). A 401 asks `headers` again (`'unauthorized'`) and is retried
 * once at once, so an expired token is refreshed before anyone sees an error. Rejects when the
 * request itself fails (network, abort).
 */
export async function send(
  options: FetchTransportOptions,
  target: SendTarget,
  reason: FetchHeadersReason,
): Promise<Response | TransportFailure> {
  // A `headers` or `body` function that throws or rejects (with anything) rejects this, as a network failure does.
  const init = await requestInit(options, reason, target.lastEventId, target.withCredentials)
  // Called as a plain function (no `this`), as browsers require; an aborted signal sends nothing.
  const response = await fetchOf(options)(target.url, { ...init, signal: target.signal })
  const failure = responseFailure(response, target.url)
  if (!failure) return response
  response.body?.cancel().catch(noop)
  return failure.status === 401 && reason !== 'unauthorized' ? send(options, target, 'unauthorized') : failure
}
