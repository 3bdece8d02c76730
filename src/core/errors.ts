import type { StandardSchemaV1 } from './standard-schema'

/**
 * What went wrong:
 * - `parse`: the event's data could not be decoded (malformed JSON, or `parse` threw)
 * - `validation`: the schema rejected the decoded payload (see `issues`)
 * - `size`: the data was larger than `maxMessageBytes`
 * - `listener`: a listener threw; other subscribers still got the event
 * - `connection`: the transport failed (see `status` when the EventSource exposes it)
 */
export type SSEErrorKind = 'parse' | 'validation' | 'size' | 'listener' | 'connection'

export interface SSEErrorDetails {
  /** The event type the error belongs to (absent for connection errors). */
  eventType?: string
  /** The raw `data` string of the event that failed to decode. */
  data?: string
  /** The id of the event that failed, as the EventSource reported it. */
  lastEventId?: string
  /** Issues reported by the Standard Schema validator. */
  issues?: readonly StandardSchemaV1.Issue[]
  /** HTTP status, when the EventSource implementation exposes it (the `eventsource` package does, browsers do not). */
  status?: number
  cause?: unknown
}

/**
 * The one error type sse-hooks reports: bad payloads, failing listeners and
 * failing connections all arrive as an `SSEError`, never as a thrown exception.
 *
 * @example
 * useSSEEvent('ping', { onError: (error) => {
 *   if (error.kind === 'validation') console.warn(error.issues)
 * } })
 */
export class SSEError extends Error {
  override readonly name = 'SSEError'
  readonly kind: SSEErrorKind
  readonly eventType: string | undefined
  readonly data: string | undefined
  readonly lastEventId: string | undefined
  readonly issues: readonly StandardSchemaV1.Issue[] | undefined
  readonly status: number | undefined

  constructor(kind: SSEErrorKind, message: string, details: SSEErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.kind = kind
    this.eventType = details.eventType
    this.data = details.data
    this.lastEventId = details.lastEventId
    this.issues = details.issues
    this.status = details.status
  }
}
