import type { Transport } from '../core/transport'
import type { EventSourceConstructor, EventSourceLike } from '../core/types'

export interface EventSourceTransportOptions {
  /** Query parameter that carries the last event id when a new EventSource opens. Default `'lastEventId'`. */
  lastEventIdParam?: string | undefined
}

/** Server-sent events carry string data; the browser's own `open` and `error` Events do not. */
const isMessage = (event: Event): event is MessageEvent<string> => typeof (event as MessageEvent).data === 'string'

/**
 * The default transport: a native EventSource (or the constructor you pass, e.g. the `eventsource`
 * package in Node), with one native listener per event type. While it retries by itself it keeps
 * its `Last-Event-ID`; a new one resumes through the `lastEventId` query parameter, since a native
 * EventSource cannot send headers.
 *
 * @example
 * import { EventSource } from 'eventsource'
 * const client = new SSEClient({ transport: eventSource(EventSource) })
 */
export function eventSource(EventSourceImpl?: EventSourceConstructor, options: EventSourceTransportOptions = {}): Transport {
  const param = options.lastEventIdParam ?? 'lastEventId'
  return {
    key: `eventsource ${param}`,
    open({ url, lastEventId, withCredentials, types }, sink) {
      const Impl = EventSourceImpl ?? (globalThis.EventSource as EventSourceConstructor | undefined)
      if (!Impl) throw new Error('no EventSource here: pass the EventSource option or a transport')
      let target = url
      if (lastEventId && param) {
        const resumeUrl = new URL(url)
        resumeUrl.searchParams.set(param, lastEventId)
        target = resumeUrl.href
      }
      const source: EventSourceLike = new Impl(target, { withCredentials })
      const onOpen = (event: Event) => {
        if (!isMessage(event)) sink.open() // a server-sent `event: open` is data
      }
      const onError = (event: Event) => {
        if (isMessage(event)) return // a server-sent `event: error` is data
        // The `eventsource` package reports the HTTP status and a message; browsers tell nothing.
        const { code, message } = event as Event & { code?: unknown; message?: unknown }
        sink.error({
          // CLOSED: it gave up (HTTP error, wrong type). CONNECTING: it retries by itself.
          fatal: source.readyState === 2,
          status: typeof code === 'number' ? code : undefined,
          message: typeof message === 'string' ? message : undefined,
          cause: event,
        })
      }
      const onEvent = (event: Event) => {
        // Copied once: every subscriber reads these, and each read of the event's own is a native call.
        if (isMessage(event)) sink.event({ type: event.type, data: event.data, lastEventId: event.lastEventId })
      }
      const listen = (type: string, wanted: boolean) => source[wanted ? 'addEventListener' : 'removeEventListener'](type, onEvent)
      source.addEventListener('open', onOpen)
      source.addEventListener('error', onError)
      for (const type of types) listen(type, true)
      return {
        listen,
        close() {
          source.removeEventListener('open', onOpen)
          source.removeEventListener('error', onError)
          source.close()
        },
      }
    },
  }
}
