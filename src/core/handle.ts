import type { Delivery } from './fanout'
import type { FrameScheduler } from './schedule'
import type { DecodeOptions, SSEListener, SSEOptions, StreamSnapshot, Unsubscribe } from './types'

/**
 * One stream of a client, resolved once: its absolute URL, sharing key, options and transport.
 * It reaches the live stream by key at each call, so it stays valid while the stream closes and opens.
 */
export interface StreamHandle {
  readonly url: string
  /** Equal keys share one stream (see `SSEClient.keyFor`). */
  readonly key: string
  /** The client's defaults under the options the handle was made with. */
  readonly options: SSEOptions
  /** The client's frame scheduler, shared by all its subscribers; `undefined` with `batch: 'sync'`. */
  readonly schedule: FrameScheduler | undefined
  getSnapshot(): StreamSnapshot
  /** `decoding.onReconnect` is this subscriber's own, beside the handle's `options.onReconnect`. */
  subscribe(type: string, listener: SSEListener, decoding?: DecodeOptions & Pick<SSEOptions, 'onReconnect'>): Unsubscribe
  subscribeState(listener: () => void): Unsubscribe
  /** The latest event of a type someone listened to, and its shared decoder. */
  latest(type: string): Delivery | undefined
  close(): void
  reconnect(): void
}
