import type { StreamRegistry } from '../core/client'
import type { SSEInspectRecord } from '../core/inspect'
import type { Transport } from '../core/transport'
import type { Unsubscribe } from '../core/types'
import type { CrossTabTransport } from '../cross-tab/cross-tab'
import { describeKey, transportLabel, utf8Length } from './format'
import { createRing } from './ring'
import type { DevtoolsSnapshot, PhaseEntry, RequestView, StreamView } from './model'

/** What the panel needs of a client: its records, and its streams' controls. */
export type InspectableClient = Pick<StreamRegistry, 'inspect' | 'stream'>

export interface DevtoolsStore {
  subscribe(listener: () => void): Unsubscribe
  getSnapshot(): DevtoolsSnapshot
  setPaused(paused: boolean): void
  clear(key: string): void
  close(key: string): void
  reconnect(key: string): void
}

const REQUESTS_KEPT = 20
const TIMELINE_KEPT = 100
/** Renders follow records at most this often, however fast events come. */
const THROTTLE_MS = 200

/** The panel's model of a client: its streams and request streams, each with a bounded log. */
export function createDevtoolsStore(client: InspectableClient, maxEvents: number, shared?: CrossTabTransport): DevtoolsStore {
  const streams = new Map<string, StreamView>()
  const requests = new Map<string, RequestView>()
  const listeners = new Set<() => void>()
  let snapshot: DevtoolsSnapshot = { streams: [], requests: [], paused: false }
  let paused = false
  let seq = 0
  let pending: ReturnType<typeof setTimeout> | undefined
  let detach: Unsubscribe | undefined

  const flush = () => {
    pending = undefined
    for (const view of streams.values()) {
      if (!shared || describeKey(view.key).transport !== shared.key) continue
      const { role, tabs } = shared.getSnapshot(view.url)
      view.role = `${role} · ${tabs} ${tabs === 1 ? 'tab' : 'tabs'}`
    }
    snapshot = { streams: [...streams.values()], requests: [...requests.values()].reverse(), paused }
    for (const listener of listeners) listener()
  }
  const changed = () => {
    pending ??= globalThis.setTimeout(flush, THROTTLE_MS)
  }

  const onStream = (record: Extract<SSEInspectRecord, { kind: 'stream' }>) => {
    const { key, at, input, state } = record
    if (input && state.phase === 'idle') {
      streams.delete(key) // gone: nobody wanted it after its grace period
      return
    }
    let view = streams.get(key)
    if (!view) {
      const { transport } = describeKey(key)
      view = {
        key,
        url: record.url,
        transport: transportLabel(transport),
        facts: record,
        lastEventId: record.lastEventId,
        since: at,
        lastFailure: undefined,
        role: undefined,
        events: createRing(maxEvents),
        timeline: createRing(TIMELINE_KEPT),
      }
      streams.set(key, view)
      view.timeline.push({ at, phase: state.phase, input: input?.type ?? 'inspect' })
    }
    const failure = input?.type === 'failed' ? input.failure : undefined
    if (view.facts.state.phase !== state.phase || failure) {
      const entry: PhaseEntry = {
        at,
        phase: state.phase,
        input: input?.type ?? 'inspect',
        status: failure?.status,
        error: state.error?.message,
        until: state.phase === 'backoff' ? state.until : undefined,
        retryAfter: failure?.retryAfter,
      }
      view.timeline.push(entry)
      if (failure) view.lastFailure = entry
      if (view.facts.state.phase !== state.phase) view.since = at
    }
    view.facts = record
    // `delivered` is told as the first event of a connection arrives, before its id is the stream's.
    if (input?.type !== 'delivered') view.lastEventId = record.lastEventId
  }

  const onRequest = (record: Extract<SSEInspectRecord, { kind: 'request' }>) => {
    let view = requests.get(record.key)
    if (!view) {
      view = {
        key: record.key,
        url: record.url,
        method: record.method,
        status: 'idle',
        error: undefined,
        startedAt: record.at,
        runs: 0,
        events: createRing(maxEvents),
      }
      requests.set(record.key, view)
      if (requests.size > REQUESTS_KEPT) requests.delete(requests.keys().next().value as string)
    }
    if (record.status === 'streaming') {
      view.runs++
      view.startedAt = record.at
    }
    view.status = record.status
    view.method = record.method
    view.error = record.error instanceof Error ? record.error.message : undefined
  }

  const inspector = (record: SSEInspectRecord) => {
    if (record.kind === 'stream') onStream(record)
    else if (record.kind === 'request') onRequest(record)
    else if (!paused) {
      const { type, lastEventId: id, data } = record.message
      const stream = streams.get(record.key)
      if (stream) stream.lastEventId = id
      const log = (stream ?? requests.get(record.key))?.events
      log?.push({ seq: ++seq, at: record.at, type, id, data, size: utf8Length(data) })
    }
    changed()
  }

  /** The live stream of a key; its transport is never opened: close and reconnect act on the stream that exists. */
  const handleOf = (key: string) => {
    const { url, transport, withCredentials } = describeKey(key)
    const unused: Transport = { key: transport, open: () => ({ close() {} }) }
    return client.stream(url, { transport: unused, withCredentials })
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      if (!detach) {
        const stopInspecting = client.inspect(inspector)
        const stopSharing = shared?.subscribe(changed)
        detach = () => {
          stopInspecting()
          stopSharing?.()
        }
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size) return
        detach?.()
        detach = undefined
        clearTimeout(pending)
        pending = undefined
        streams.clear()
        requests.clear()
      }
    },
    getSnapshot: () => snapshot,
    setPaused(next) {
      paused = next
      flush()
    },
    clear(key) {
      const view = streams.get(key) ?? requests.get(key)
      view?.events.clear()
      flush()
    },
    close: (key) => handleOf(key).close(),
    reconnect: (key) => handleOf(key).reconnect(),
  }
}
