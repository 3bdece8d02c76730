export { fetchTransport } from './transport'
export { requestEvents } from './request-events'
export { createSSERequest } from './request-store'
export { useSSERequest } from './useSSERequest'
export type {
  FetchBody,
  FetchHeadersReason,
  FetchLike,
  FetchTransportOptions,
  JsonBody,
} from './options'
export type { RequestEventsOptions, SSERequestEvent, SSERequestOptions } from './request-options'
export type { SSERequest, SSERequestState, SSERequestStatus, SSERequestStoreOptions } from './request-store'
export type { UseSSERequestOptions, UseSSERequestResult } from './useSSERequest'
