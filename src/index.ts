export { SSEClient, SSEError, backoffDelay, createEventStore, defaultReconnectPolicy, eventSource } from './core/index'
export { SSEProvider } from './react/SSEProvider'
export { useEventSource } from './react/useEventSource'
export { useSSEEvent } from './react/useSSEEvent'

export type {
  DecodeOptions,
  EventHandlers,
  EventSourceConstructor,
  EventSourceLike,
  EventSourceTransportOptions,
  EventStore,
  EventStoreOptions,
  CloseReason,
  PageChange,
  PageLifecycle,
  ReconnectPolicy,
  RemoteState,
  SSEBatchMode,
  SSEErrorDetails,
  SSEErrorKind,
  SSEEventData,
  SSEEventMap,
  SSEEventState,
  SSEInspector,
  SSEInspectRecord,
  SSEStreamFacts,
  SSESubscriber,
  SSEListener,
  SSEMessage,
  SSEOptions,
  SSEParser,
  SSEReadyState,
  SSEReconnectInfo,
  SSEReconnectListener,
  SSEStatus,
  StandardSchemaV1,
  StreamHandle,
  StreamSnapshot,
  SubscribeOptions,
  Transport,
  TransportClose,
  TransportConnection,
  TransportFailure,
  TransportRequest,
  TransportSink,
  Unsubscribe,
} from './core/index'
export type { SSEProviderProps } from './react/SSEProvider'
export type { UseEventSourceOptions, UseEventSourceResult } from './react/useEventSource'
export type { SSEEventLoaded, UseSSEEventOptions } from './react/useSSEEvent'
