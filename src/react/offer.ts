import { useInsertionEffect } from 'react'
import type { StreamRegistry } from '../core/client'
import type { Transport } from '../core/transport'

/**
 * Offers `transport` to `client` (see `offer`) before any hook below subscribes, and again when it
 * changes: an inline transport's newest callbacks are the ones called. For the provider's transport
 * and a hook's own.
 */
export function useOffer(client: StreamRegistry, transport: Transport | undefined): void {
  useInsertionEffect(() => {
    if (transport) client.offer(transport)
  }, [client, transport])
}
