'use client'
import { useMemo, useState, useSyncExternalStore } from 'react'
import { idleSnapshot } from '../core/snapshot'
import type { SSEOptions, StreamSnapshot } from '../core/types'
import { scheduleOf } from './schedule'
import { suspend } from './suspend'
import { changed, track } from './track'
import { useStream } from './useStream'
import { noop } from '../core/noop'

export interface UseEventSourceOptions extends SSEOptions {
  /** `false` keeps the hook from opening the stream; status reads `closed`. Default `true`. */
  enabled?: boolean | undefined
  /**
   * Suspend (the nearest `<Suspense>` shows its fallback) until the stream is first open; a stream
   * that stops for good first throws its `SSEError` to the nearest error boundary. Once the
   * component has shown, a later drop shows as `reconnecting`, never as the fallback again. On
   * the server it renders the fallback and opens nothing. Default `false`.
   */
  suspense?: boolean | undefined
}

export interface UseEventSourceResult extends StreamSnapshot {
  /** Closes the stream for every component that shares it, and stops retrying. */
  close: () => void
  /** Opens the stream anew, resuming from the last event id; also after `close()`. */
  reconnect: () => void
}

const disabledSnapshot: StreamSnapshot = Object.freeze({ ...idleSnapshot, status: 'closed', readyState: 2 })

/**
 * The state of a stream, and its controls. Shares the stream with every other
 * hook on the same URL and options; keeps it open while mounted. Re-renders
 * only when a field the component reads changes: a badge that reads `status`
 * does not re-render for each event id.
 *
 * @example
 * function Badge() {
 *   const { status, error, reconnect } = useEventSource()
 *   return <button onClick={reconnect} title={error?.message}>{status}</button>
 * }
 */
export function useEventSource(url?: string, options: UseEventSourceOptions = {}): UseEventSourceResult {
  const stream = useStream(url, options)
  const enabled = options.enabled ?? true
  const [read] = useState(() => new Set<keyof StreamSnapshot>())
  const store = useMemo(() => {
    const schedule = scheduleOf(stream)
    const store = {
      /** Whether a component has shown this store's state; `!enabled` shows without waiting. */
      shown: !enabled,
      subscribe(onChange: () => void) {
        store.shown = true
        if (!enabled) return noop
        let seen = stream.getSnapshot()
        const check = () => {
          const next = stream.getSnapshot()
          const render = changed(read, seen, next)
          seen = next
          if (render) onChange()
        }
        return stream.subscribeState(schedule ? () => schedule(check) : check)
      },
      getSnapshot: () => (enabled ? stream.getSnapshot() : disabledSnapshot),
      getServerSnapshot: () => (enabled ? idleSnapshot : disabledSnapshot),
    }
    return store
  }, [stream, enabled, read])
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  // Only until the component shows (its store subscribes): later drops show as `reconnecting`.
  if (options.suspense && !store.shown && snapshot.status !== 'open') suspend(stream)
  // close and reconnect are stable while the stream is the same, so effects may depend on them.
  return useMemo(() => track(snapshot, read, { close: stream.close, reconnect: stream.reconnect }), [snapshot, read, stream])
}
