// The page of the cross-tab browser tests: one SSEClient on /events through crossTab(), set up
// from the query string, with what the tests read and do exposed on `window.tabs`.
//   ?transport=fetch   crossTab(fetchTransport({ headers })) instead of the EventSource default
//   &types=tick,chat   the types to listen to at once (listener form), default tick
//   &name=A            what the fetch headers carry (Authorization: Bearer A)
import { SSEClient } from '../../../src/core/client'
import { createEventStore } from '../../../src/core/event-store'
import { crossTab } from '../../../src/cross-tab/index'
import { fetchTransport } from '../../../src/fetch/index'

const query = new URLSearchParams(location.search)
const name = query.get('name') ?? 'page'
const headerCalls: string[] = []
const inner =
  query.get('transport') === 'fetch'
    ? fetchTransport({
        headers: (reason) => {
          headerCalls.push(reason)
          return { Authorization: `Bearer ${name}` }
        },
        key: 'tests',
      })
    : undefined
const transport = crossTab(inner)
const client = new SSEClient({ transport, reconnect: { initialDelay: 500 } })
const url = '/events'

const events: Record<string, { data: unknown; id: string; at: number }[]> = {}
const subscriptions = new Map<string, () => void>()
const subscribe = (type: string) => {
  if (subscriptions.has(type)) return
  const seen = (events[type] ??= [])
  subscriptions.set(
    type,
    client.subscribe(url, type, (data, event) =>
      seen.push({ data, id: event.lastEventId, at: performance.timeOrigin + performance.now() }),
    ),
  )
}
const unsubscribe = (type: string) => {
  subscriptions.get(type)?.()
  subscriptions.delete(type)
}
const stores = new Map<string, ReturnType<typeof createEventStore>>()
const current = (type: string) => {
  let store = stores.get(type)
  if (!store) {
    stores.set(type, (store = createEventStore(client.stream(url), type, {})))
    store.subscribe(() => {})
  }
  return store.getSnapshot().data
}

for (const type of (query.get('types') ?? 'tick').split(',').filter(Boolean)) subscribe(type)

Object.assign(window, {
  tabs: {
    events,
    headerCalls,
    subscribe,
    unsubscribe,
    current,
    snapshot: () => {
      const { status, readyState, error, lastEventId } = client.getSnapshot(url)
      return { status, readyState, lastEventId, error: error && { message: error.message, status: error.status } }
    },
    role: () => transport.getSnapshot(url),
    close: () => client.close(url),
    reconnect: () => client.reconnect(url),
    leave: () => {
      for (const type of [...subscriptions.keys()]) unsubscribe(type)
    },
  },
})
