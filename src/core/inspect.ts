import type { Input, StreamState } from './machine'
import { notify } from './report'
import type { SSEMessage } from './transport'

/** Where a request stream stands. `aborted` only when it was stopped while streaming. */
export type SSERequestStatus = 'idle' | 'streaming' | 'done' | 'error' | 'aborted'

/** One hold on a stream: a subscriber of event `type` (with `state`, it keeps a current value), or a state listener (no `type`). */
export interface SSESubscriber {
  readonly type?: string | undefined
  readonly state?: boolean | undefined
}

/** All about one stream of a client, at one moment. */
export interface SSEStreamFacts {
  /** The absolute URL. */
  readonly url: string
  /**
   * What changed the state (a `failed` input carries the transport's `failure`, with its HTTP
   * `status` and `retryAfter`, and the `error`); `undefined` when the subscribers changed, or when
   * the inspector just attached.
   */
  readonly input: Input | undefined
  /**
   * The stream's state: `phase`; `until`, a backoff's deadline, and `notBefore`, the `Retry-After`
   * floor (both `Date.now()` times); `error`; `connection` (connections asked for so far); `openedAt`.
   * `phase: 'idle'` with `wanted: false`: the stream is gone (nobody wanted it after its grace period).
   */
  readonly state: StreamState
  readonly lastEventId: string
  readonly subscribers: readonly SSESubscriber[]
}

/**
 * What an inspector hears, each with the stream's sharing `key` and the `Date.now()` time `at`:
 * - `stream`: all about a stream: when it comes, when its state or subscribers change, when it goes
 *   (`phase: 'idle'`), and for each live stream when the inspector attaches
 * - `event`: an event arrived on the stream (its `type`, `data` and `lastEventId` are in `message`)
 * - `request`: a request stream's `status` changed; its events come as `event` records of its key
 */
export type SSEInspectRecord = { readonly key: string; readonly at: number } & (
  | ({ readonly kind: 'stream' } & SSEStreamFacts)
  | { readonly kind: 'event'; readonly message: SSEMessage }
  | { readonly kind: 'request'; readonly url: string; readonly method: string; readonly status: SSERequestStatus; readonly error: unknown }
)

/** Hears every inspection record of a client (see `inspect`). */
export type SSEInspector = (record: SSEInspectRecord) => void

type Detail<TKind> = Omit<Extract<SSEInspectRecord, { kind: TKind }>, 'key' | 'at' | 'kind'>

/** Sends a record to every inspector, or to `to` only. */
export type Tell = <TKind extends SSEInspectRecord['kind']>(kind: TKind, detail: Detail<TKind>, to?: Iterable<SSEInspector>) => void

/**
 * How a stream reports to its client's inspectors: `undefined` while none is attached, so a call
 * written `inspection()?.(kind, { … })` builds nothing for nobody. Given `to`, it always answers.
 */
export type Inspection = (to?: Iterable<SSEInspector>) => Tell | undefined

/** The inspection of the stream (or request stream) at `key`. */
export function createInspection(key: string, inspectors: ReadonlySet<SSEInspector>): Inspection {
  const tell: Tell = (kind, detail, to = inspectors) => notify(to, { key, at: Date.now(), kind, ...detail } as unknown as SSEInspectRecord)
  return (to) => (to || inspectors.size ? tell : undefined)
}
