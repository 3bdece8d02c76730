export { SSEClient } from './core/client'
export { SSEError } from './core/errors'
export { backoffDelay, defaultReconnectPolicy } from './core/backoff'
export { SSEProvider } from './react/SSEProvider'
export { useEventSource } from './react/useEventSource'
export { useSSEEvent } from './react/useSSEEvent'

export type { ReconnectPolicy } from './core/backoff'
export type { SSEErrorDetails, SSEErrorKind } from './core/errors'
export type { StandardSchemaV1 } from './core/standard-schema'
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
} from './core/types'
export type { HookDefaults, SSEBatchMode } from './react/context'
export type { SSEProviderProps } from './react/SSEProvider'
export type { UseEventSourceOptions, UseEventSourceResult } from './react/useEventSource'
export type { SSEEventState, UseSSEEventOptions } from './react/useSSEEvent'
