'use client'
import { useMemo, useSyncExternalStore } from 'react'
import { idleSnapshot } from '../core/connection'
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

const disabledSnapshot: ConnectionSnapshot = Object.freeze({ ...idleSnapshot, status: 'closed', readyState: 2 })
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
  const { client, url: streamUrl, options: streamOptions, key, scheduleFrame } = useStream(url, options)
  const enabled = options.enabled ?? true
  const frame = streamOptions.batch === 'frame'
  // `key` stands for the URL and the options by value, so an inline options object never resubscribes.
  /* eslint-disable react-hooks/exhaustive-deps */
  const store = useMemo(
    () => ({
      subscribe: (onChange: () => void) =>
        enabled ? client.subscribeState(streamUrl, frame ? () => scheduleFrame(onChange) : onChange, streamOptions) : noop,
      getSnapshot: () => (enabled ? client.getSnapshot(streamUrl, streamOptions) : disabledSnapshot),
      getServerSnapshot: () => (enabled ? idleSnapshot : disabledSnapshot),
    }),
    [client, key, enabled, frame],
  )
  // Stable while the stream is the same, so effects may depend on them.
  const controls = useMemo(
    () => ({ close: () => client.close(streamUrl, streamOptions), reconnect: () => client.reconnect(streamUrl, streamOptions) }),
    [client, key],
  )
  /* eslint-enable react-hooks/exhaustive-deps */
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  return useMemo(() => ({ ...snapshot, ...controls }), [snapshot, controls])
}
