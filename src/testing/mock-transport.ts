import type { Transport, TransportClose, TransportFailure, TransportRequest, TransportSink } from '../core/transport'

/** One connection the stream opened through the mock transport, driven by the test. */
export interface MockConnection {
  /** What the stream asked for: URL, resume point, credentials. */
  readonly request: Omit<TransportRequest, 'types'>
  /** The event types the stream listens to now (it grows and shrinks while the connection is open). */
  readonly types: ReadonlySet<string>
  /** `true` once the stream closed the connection; the methods below then do nothing. */
  readonly closed: boolean
  /** What the stream said when it closed it: why (`'retry'`, `'stop'`, `'leave'`), when it retries, what it shows. */
  readonly closedWith: TransportClose | undefined
  /** Reports the stream open. */
  open(): void
  /**
   * Dispatches an event: `data` that is not a string is JSON-encoded; `id` sets the last event id,
   * which persists for later events. Opens the connection first if needed. Returns whether it was sent.
   */
  emit(type: string, data: unknown, options?: { id?: string }): boolean
  /** An `id:` block with no data: the resume point moves, nothing is dispatched. */
  id(lastEventId: string): void
  /** A comment line, such as a heartbeat. */
  comment(text?: string): void
  /** The server's `retry:` field. */
  retry(ms: number): void
  /** Fails the connection: `'transient'` (the transport retries by itself), `'fatal'`, or the details. */
  fail(failure?: 'transient' | 'fatal' | TransportFailure): void
}

export interface MockTransportControl {
  /** Pass it as the `transport` option. */
  readonly transport: Transport
  /** Every connection opened, oldest first. */
  readonly connections: MockConnection[]
  /** The newest connection; throws if none was opened. */
  latest(): MockConnection
  /** Forgets the connections opened so far. */
  reset(): void
}

/**
 * A transport the test drives by hand: no EventSource, no network. It can report what a native
 * EventSource cannot (ids with no data, comments, `retry:`, HTTP status, Retry-After).
 *
 * @example
 * const mock = createMockTransport()
 * const client = new SSEClient({ transport: mock.transport })
 * client.subscribe('/events', 'ping', (ping) => seen.push(ping))
 * mock.latest().emit('ping', { n: 1 }, { id: '1' })
 * mock.latest().fail({ fatal: true, status: 503, retryAfter: 2000 })
 */
export function createMockTransport({ key = 'mock' }: { key?: string } = {}): MockTransportControl {
  const connections: MockConnection[] = []
  const transport: Transport = {
    key,
    open({ types, ...request }, sink: TransportSink) {
      const listened = new Set(types)
      let closed = false
      let closedWith: TransportClose | undefined
      let opened = false
      let lastEventId = request.lastEventId
      const connection: MockConnection = {
        request,
        types: listened,
        get closed() {
          return closed
        },
        get closedWith() {
          return closedWith
        },
        open() {
          if (closed || opened) return
          opened = true
          sink.open()
        },
        emit(type, data, options = {}) {
          if (closed) return false
          connection.open()
          if (options.id !== undefined) lastEventId = options.id
          sink.event({ type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId })
          return true
        },
        id(id) {
          if (closed) return
          lastEventId = id
          sink.id(id)
        },
        comment(text = '') {
          if (!closed) sink.comment(text)
        },
        retry(ms) {
          if (!closed) sink.retry(ms)
        },
        fail(failure = 'transient') {
          if (closed) return
          opened = false
          sink.error(typeof failure === 'string' ? { fatal: failure === 'fatal' } : failure)
        },
      }
      connections.push(connection)
      return {
        close(next) {
          closed = true
          closedWith = next
        },
        listen: (type, wanted) => void (wanted ? listened.add(type) : listened.delete(type)),
      }
    },
  }
  return {
    transport,
    connections,
    latest() {
      const connection = connections.at(-1)
      if (!connection) throw new Error('The mock transport has not opened a connection yet')
      return connection
    },
    reset: () => void (connections.length = 0),
  }
}
