import type { SSEClient } from 'sse-hooks'
import { API, type ChatHistory } from '../shared/protocol'

export interface HistoryStore {
  subscribe: (onChange: () => void) => () => void
  /** The latest history, or `null` until it first loads. */
  getSnapshot: () => ChatHistory | null
}

const RETRY_MS = 2000

/**
 * `/api/history`, loaded once the stream is open (so nothing falls between
 * the two: what happens after the load arrives as events) and again whenever
 * the server says `reset`. Uses SSEClient directly: the library works without
 * React too.
 */
export function createHistoryStore(client: SSEClient, eventsUrl: string): HistoryStore {
  const listeners = new Set<() => void>()
  let snapshot: ChatHistory | null = null
  let request = 0
  let loading = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let stop: (() => void) | undefined

  const load = async () => {
    const current = ++request
    loading = true
    clearTimeout(retryTimer)
    try {
      const response = await fetch(API.history)
      if (!response.ok) throw new Error(`history: HTTP ${response.status}`)
      const next = (await response.json()) as ChatHistory
      if (current !== request) return
      snapshot = next
      for (const listener of listeners) listener()
    } catch {
      if (current === request && stop) retryTimer = setTimeout(() => void load(), RETRY_MS)
    } finally {
      if (current === request) loading = false
    }
  }

  const start = () => {
    const onState = () => {
      if (!snapshot && !loading && client.getSnapshot(eventsUrl).status === 'open') void load()
    }
    const stopState = client.subscribeState(eventsUrl, onState)
    const stopReset = client.subscribe(eventsUrl, 'reset', () => {
      // What we had belongs to a resume point the server no longer knows.
      snapshot = null
      for (const listener of listeners) listener()
      void load()
    })
    onState()
    return () => {
      stopState()
      stopReset()
      clearTimeout(retryTimer)
    }
  }

  return {
    subscribe(onChange) {
      listeners.add(onChange)
      stop ??= start()
      return () => {
        listeners.delete(onChange)
        if (listeners.size > 0) return
        stop?.()
        stop = undefined
      }
    },
    getSnapshot: () => snapshot,
  }
}
