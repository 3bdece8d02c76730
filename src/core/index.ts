// 'sse-hooks/core': the framework-agnostic entry. No React import here or below.
export { SSEClient } from './client'
export { SSEError } from './errors'
export { backoffDelay, defaultReconnectPolicy } from './backoff'

export type { ReconnectPolicy } from './backoff'
export type { SSEErrorDetails, SSEErrorKind } from './errors'
export type { StandardSchemaV1 } from './standard-schema'
export type {
  ConnectionSnapshot,
  DecodeOptions,
  EventSourceConstructor,
  EventSourceLike,
  SSEEventData,
  SSEEventMap,
  SSEEventType,
  SSEListener,
  SSEParser,
  SSEReadyState,
  SSEStatus,
  StreamOptions,
  SubscribeOptions,
  Unsubscribe,
} from './types'
