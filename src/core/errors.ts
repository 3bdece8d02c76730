import type { TransportFailure } from './transport'
import type { StandardSchemaV1 } from './standard-schema'
import type { SSEMessage } from './transport'

/**
 * What went wrong:
 * - `parse`: the event's data could not be decoded (malformed JSON, or `parse` threw)
 * - `validation`: the schema rejected the decoded payload (see `issues`)
 * - `size`: the data was larger than `maxMessageBytes`
 * - `listener`: a listener threw; other subscribers still got the event
 * - `connection`: the transport failed (see `status` when the transport knows it)
 */
export type SSEErrorKind = 'parse' | 'validation' | 'size' | 'listener' | 'connection'

export interface SSEErrorDetails {
  /** The event type the error belongs to (absent for connection errors). */
  eventType?: string | undefined
  /** The raw `data` string of the event that failed. */
  data?: string | undefined
  /** The id of the event that failed, as the EventSource reported it. */
  lastEventId?: string | undefined
  /** Issues reported by the Standard Schema validator. */
  issues?: readonly StandardSchemaV1.Issue[] | undefined
  /** HTTP status, when the transport knows it (the fetch transport and the `eventsource` package do; a browser's EventSource does not). */
  status?: number | undefined
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
  declare readonly kind: SSEErrorKind
  declare readonly eventType?: string
  declare readonly data?: string
  declare readonly lastEventId?: string
  declare readonly issues?: readonly StandardSchemaV1.Issue[]
  declare readonly status?: number

  constructor(kind: SSEErrorKind, message: string, { cause, ...details }: SSEErrorDetails = {}) {
    super(message, { cause })
    Object.assign(this, details, { kind })
  }
}

/** Errors made by `eventError`: a payload that happens to be an SSEError is still a payload. */
class EventError extends SSEError {}

export const isFailure = (value: unknown): value is SSEError => value instanceof EventError

/**
 * The error of one event, with a message made in one place: `parse error in "ping": SyntaxError: …`.
 * With `issues`, they are the reason; otherwise `cause` is.
 */
export const eventError = (
  kind: SSEErrorKind,
  { type, data, lastEventId }: Pick<SSEMessage, 'type' | 'lastEventId'> & { data?: string },
  cause: unknown,
  issues?: readonly StandardSchemaV1.Issue[],
): SSEError =>
  new EventError(kind, `${kind} error in "${type}": ${issues ? issues.map((issue) => issue.message).join('; ') : String(cause)}`, {
    eventType: type,
    data,
    lastEventId,
    issues,
    cause,
  })

/** The error a stream shows for a transport's failure: its message, else what the failure says of itself. */
export function failureError({ message, fatal, status, cause, kind = 'connection' }: TransportFailure): SSEError {
  return new SSEError(kind, message || (fatal ? 'The server refused the stream' : 'The stream was interrupted'), { cause, status })
}
