export { fetchTransport } from './transport'
export type {
  FetchBody,
  FetchHeadersReason,
  FetchLike,
  FetchTransportOptions,
  JsonBody,
} from './options'
