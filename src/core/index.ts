export { SSEClient } from './client'
export { SSEError } from './errors'
export { backoffDelay, defaultReconnectPolicy } from './backoff'
export { createEventStore } from './event-store'
export { eventSource } from '../transports/event-source'

export type { ReconnectPolicy } from './backoff'
export type { StreamHandle } from './client'
export type { SSEErrorDetails, SSEErrorKind } from './errors'
export type { EventHandlers, EventStore, EventStoreOptions, SSEEventState } from './event-store'
export type { Delivery } from './fanout'
export type { SSEReconnectInfo, SSEReconnectListener } from './recovery'
export type { SSEInspector, SSEInspectRecord, SSERequestStatus, SSEStreamFacts, SSESubscriber } from './inspect'
export type { Effect, Input, Phase, StreamState } from './machine'
export type { Decode } from './decode'
export type { FrameScheduler } from './schedule'
export type { StandardSchemaV1 } from './standard-schema'
export type {
  CloseReason,
  PageChange,
  PageLifecycle,
  RemoteState,
  SSEMessage,
  Transport,
  TransportClose,
  TransportConnection,
  TransportFailure,
  TransportRequest,
  TransportSink,
} from './transport'
export type { EventSourceTransportOptions } from '../transports/event-source'
export type {
  DecodeOptions,
  EventSourceConstructor,
  EventSourceLike,
  SSEBatchMode,
  SSEEventData,
  SSEEventMap,
  SSEEventType,
  SSEListener,
  SSEOptions,
  SSEParser,
  SSEReadyState,
  SSEStatus,
  StreamSnapshot,
  SubscribeOptions,
  Unsubscribe,
} from './types'
