import type { Transport } from '../core/transport'
import type { FetchTransportOptions } from './options'

/** A transport made by `fetchTransport` keeps its options, so an open connection can take a newer object's. */
export interface FetchTransport extends Transport {
  readonly options: FetchTransportOptions
}
