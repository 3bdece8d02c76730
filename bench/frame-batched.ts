// A prototype, for the React bench only: useSSEEvent's state form with its store notifications
// coalesced to one animation frame for every hook of a client. It informs the batching default
// of src/react/useSSEEvent.ts; the library itself does not use it.
import { useMemo, useSyncExternalStore } from 'react'
import type { SSEClient, SSEEventState } from '../src/index'

export type FrameScheduler = (notify: () => void) => void

/**
 * One requestAnimationFrame for all pending stores: a browser runs microtasks between separate
 * rAF callbacks, so one callback per store would let React commit once per store.
 */
export function createFrameScheduler(): FrameScheduler {
  const pending = new Set<() => void>()
  let scheduled = false
  const flush = () => {
    scheduled = false
    const notifications = [...pending]
    pending.clear()
    for (const notify of notifications) notify()
  }
  return (notify) => {
    pending.add(notify)
    if (!scheduled) {
      scheduled = true
      requestAnimationFrame(flush)
    }
  }
}

const empty: SSEEventState<never> = Object.freeze({ data: undefined, error: null, lastEventId: undefined })

/** useSSEEvent(type) state form, but the snapshot only moves (and React only hears of it) once per frame. */
export function useFrameBatchedEvent<TData>(
  client: SSEClient,
  url: string,
  type: string,
  schedule: FrameScheduler,
): SSEEventState<TData> {
  const store = useMemo(() => createFrameBatchedStore<TData>(client, url, type, schedule), [client, url, type, schedule])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}

function createFrameBatchedStore<TData>(client: SSEClient, url: string, type: string, schedule: FrameScheduler) {
  let state: SSEEventState<TData> = empty
  return {
    getSnapshot: () => state,
    subscribe: (onChange: () => void) => {
      let latest = state
      let active = true
      const notify = () => {
        if (!active) return
        state = latest
        onChange()
      }
      const unsubscribe = client.subscribe<string, TData>(url, type, (data, event) => {
        latest = { data, error: null, lastEventId: event.lastEventId }
        schedule(notify)
      })
      return () => {
        active = false
        unsubscribe()
      }
    },
  }
}
