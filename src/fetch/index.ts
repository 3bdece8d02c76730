export { fetchTransport } from './transport'
export { requestEvents } from './request-events'
export type {
  FetchBody,
  FetchHeadersReason,
  FetchLike,
  FetchTransportOptions,
  JsonBody,
} from './options'
export type { RequestEventsOptions, SSERequestEvent, SSERequestOptions } from './request-options'
