import type { ReconnectPolicy } from './backoff'
import type { SSEError } from './errors'
import type { StandardSchemaV1 } from './standard-schema'
import type { SSEReconnectListener } from './recovery'
import type { PageLifecycle, SSEMessage, Transport } from './transport'

/**
 * Declare your stream's events once, and every hook infers its payload type
 * from the event name; an unknown name becomes a type error.
 *
 * @example
 * // sse-events.ts: a module (it imports or exports something), so this augments the package
 * export {}
 * declare module 'sse-hooks' {
 *   interface SSEEventMap {
 *     ping: { time: string }
 *     usermessage: { id: number; username: string; text: string }
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface SSEEventMap {}

/** The event names allowed: the keys of `SSEEventMap`, or any string while it is empty. */
export type SSEEventType = [keyof SSEEventMap] extends [never] ? string : Extract<keyof SSEEventMap, string>

/** The payload type of an event name: from `SSEEventMap`, or `unknown`. */
export type SSEEventData<TType extends string> = TType extends keyof SSEEventMap ? SSEEventMap[TType] : unknown

/** `'connecting' | 'open' | 'reconnecting' | 'closed'`: what a person would call the stream's state. */
export type SSEStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

/** EventSource's own readyState: 0 CONNECTING, 1 OPEN, 2 CLOSED. */
export type SSEReadyState = 0 | 1 | 2

/** What sse-hooks needs of an EventSource: the standard browser API, or the `eventsource` package. */
export interface EventSourceLike {
  readonly readyState: number
  close(): void
  addEventListener(type: string, listener: (event: Event) => void): void
  removeEventListener(type: string, listener: (event: Event) => void): void
}

export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike

/**
 * How state subscribers (the hooks' state forms) hear of new values:
 * - `'auto'` (the default): the newest once per animation frame, so a burst never outruns the
 *   screen; in React's `act()` environments (React Testing Library), each at once, so tests stay
 *   deterministic
 * - `'frame'`: the newest once per animation frame, always
 * - `'sync'`: every value, at once
 */
export type SSEBatchMode = 'auto' | 'frame' | 'sync'

/**
 * The options of a stream. `SSEProvider`, both hooks and `new SSEClient()` take all of them, with
 * the same meaning; a hook's own win over its provider's, which win over the client's.
 */
export interface SSEOptions {
  /** How the stream reaches the server. Default: `eventSource()`, the native EventSource. */
  transport?: Transport | undefined
  /** Send cookies on cross-origin streams. Part of the sharing key. Default `false`. */
  withCredentials?: boolean | undefined
  /** Shorthand for `transport: eventSource(EventSource)`: the constructor to use. Default `globalThis.EventSource`, looked up when a stream opens. */
  EventSource?: EventSourceConstructor | undefined
  /** Shorthand for `transport: eventSource(undefined, { lastEventIdParam })`. Default `'lastEventId'`. */
  lastEventIdParam?: string | undefined
  /** Our retry policy once the transport gives up (HTTP error, wrong Content-Type), or `false` for none. */
  reconnect?: ReconnectPolicy | false | undefined
  /** Grace period in ms between the last subscriber leaving and the stream closing. Default 100. */
  closeDelay?: number | undefined
  /** Reject events whose data is larger than this many UTF-8 bytes with a `size` error. Default: no limit. */
  maxMessageBytes?: number | undefined
  /** Close streams while the page is hidden and resume (with the last event id) when it is visible again. Default `false`. */
  pauseWhenHidden?: boolean | undefined
  /** Where streams learn that the page is online and visible. Default: the browser's `navigator` and `document`. */
  page?: PageLifecycle | undefined
  /** How state hooks hand new values to React (see `SSEBatchMode`). Default `'auto'`: once per frame at most. */
  batch?: SSEBatchMode | undefined
  /**
   * Called when a stream is open again after it was not (never on its first open), with the id it
   * resumed from and how long it was down: the moment to refetch what events alone cannot restore.
   * On a client or a provider it hears each of their streams; on a hook, the hook's stream. One
   * function given by many subscribers of a stream is called once per recovery.
   */
  onReconnect?: SSEReconnectListener | undefined
}

/** Turns an event's raw data into the payload. Default: `JSON.parse`. */
export type SSEParser = (data: string, event: SSEMessage) => unknown

/** How one subscriber decodes its events. */
export interface DecodeOptions<TData = unknown> {
  /** Standard Schema (zod, valibot, arktype, …) that validates each decoded payload. */
  schema?: StandardSchemaV1<unknown, TData> | undefined
  /** Custom decoder, e.g. `(data) => data` for plain text. Default: `JSON.parse`. */
  parse?: SSEParser | undefined
  /** Called with every payload error (parse, validation, size, listener) of this subscriber. */
  onError?: ((error: SSEError) => void) | undefined
}

export type SubscribeOptions<TData = unknown> = SSEOptions & DecodeOptions<TData>

/** Called for every event of a type, in order. */
export type SSEListener<TData = unknown> = (data: TData, event: SSEMessage) => void

/** A stream's state. A new object on every change, so it can be compared by identity. */
export interface StreamSnapshot {
  readonly status: SSEStatus
  readonly readyState: SSEReadyState
  /** The last connection error; `null` once the stream opens again. */
  readonly error: SSEError | null
  /** The id of the last event received: what a resume starts from. */
  readonly lastEventId: string
}

export type Unsubscribe = () => void
