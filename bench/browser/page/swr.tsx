// SWR's subscription mode, as its docs show it: useSWRSubscription(key, subscribe) with an
// EventSource opened in subscribe. SWR shares one subscription per key, so the key is the URL
// and, for a named type, [URL, type]: one connection per type.
import useSWRSubscription from 'swr/subscription'
import type { SWRSubscriptionOptions } from 'swr/subscription'
import { mark, streamUrl, type Payload } from './harness'
import { mountCells, Value, type CellProps } from './react-root'

type Key = readonly [string, string]

function subscribe([url, type]: Key, { next }: SWRSubscriptionOptions<Payload, Error>) {
  const source = new EventSource(url)
  source.addEventListener(type, (event) => next(null, JSON.parse((event as MessageEvent<string>).data) as Payload))
  source.onerror = () => next(new Error('EventSource error'))
  return () => source.close()
}

function Cell({ type }: CellProps) {
  const { data } = useSWRSubscription<Payload, Error, Key>([streamUrl, type], subscribe)
  if (data) mark(data.seq)
  return <Value type={type} seq={data?.seq} />
}

mountCells(Cell)
