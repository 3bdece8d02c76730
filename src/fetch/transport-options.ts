import type { Transport } from '../core/transport'
import type { FetchTransportOptions } from './options'

/** Where a fetch transport keeps its options, so an open connection can take a newer object's. */
export const OPTIONS = Symbol('fetchTransport options')

export interface FetchTransport extends Transport {
  readonly [OPTIONS]: FetchTransportOptions
}

/** The options of a transport made by `fetchTransport`, else `undefined`. */
export const fetchOptionsOf = (transport: Transport): FetchTransportOptions | undefined =>
  (transport as Partial<FetchTransport>)[OPTIONS]
