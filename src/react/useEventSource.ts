'use client'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { idleSnapshot } from '../core/client'
import type { ConnectionSnapshot, StreamOptions } from '../core/types'
import { useStream } from './useStream'

export interface UseEventSourceOptions extends StreamOptions {
  /** `false` keeps the hook from opening the stream; status reads `closed`. Default `true`. */
  enabled?: boolean | undefined
}

export interface UseEventSourceResult extends ConnectionSnapshot {
  /** Closes the stream for every component that shares it, and stops retrying. */
  close: () => void
  /** Opens the stream anew, resuming from the last event id; also after `close()`. */
  reconnect: () => void
}

const disabledSnapshot: ConnectionSnapshot = Object.freeze({
  status: 'closed',
  readyState: 2,
  error: null,
  lastEventId: '',
})
const noop = () => {}

/**
 * The state of a stream, and its controls. Shares the stream with every other
 * hook on the same URL and options; keeps it open while mounted.
 *
 * @example
 * function Badge() {
 *   const { status, error, reconnect } = useEventSource()
 *   return <button onClick={reconnect} title={error?.message}>{status}</button>
 * }
 */
export function useEventSource(url?: string, options: UseEventSourceOptions = {}): UseEventSourceResult {
  const { client, url: streamUrl, options: streamOptions, key } = useStream(url, options)
  const enabled = options.enabled ?? true
  // `key` stands for the URL and the options by value, so an inline options object never resubscribes.
  /* eslint-disable react-hooks/exhaustive-deps */
  const store = useMemo(
    () => ({
      subscribe: (onChange: () => void) =>
        enabled ? client.subscribeState(streamUrl, onChange, streamOptions) : noop,
      getSnapshot: () => (enabled ? client.getSnapshot(streamUrl, streamOptions) : disabledSnapshot),
    }),
    [client, key, enabled],
  )
  const close = useCallback(() => client.close(streamUrl, streamOptions), [client, key])
  const reconnect = useCallback(() => client.reconnect(streamUrl, streamOptions), [client, key])
  /* eslint-enable react-hooks/exhaustive-deps */
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, () => (enabled ? idleSnapshot : disabledSnapshot))
  return useMemo(() => ({ ...snapshot, close, reconnect }), [snapshot, close, reconnect])
}
