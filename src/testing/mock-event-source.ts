/** How `error()` fails: `transient` lets the browser retry (readyState CONNECTING); `fatal` is the browser giving up (CLOSED). */
export type MockErrorMode = 'transient' | 'fatal' | { fatal?: boolean; status?: number }

export interface MockEventSourceInstance extends EventTarget {
  readonly url: string
  readonly withCredentials: boolean
  readyState: 0 | 1 | 2
  /** The id the next event carries (EventSource's "last event ID string"). */
  lastEventId: string
  /** How many times `close()` was called. */
  closeCalls: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent<string>) => void) | null
  onerror: ((event: Event) => void) | null
  close(): void
  /** Dispatches `open` and sets readyState OPEN. */
  open(): void
  /**
   * Dispatches an event as the server would send it: `data` that is not a string is JSON-encoded;
   * `id` sets the last event id (it persists for later events, as in the browser).
   * Opens the source first if it is still connecting. Does nothing once the source is closed.
   * Returns whether the event was dispatched.
   */
  emit(type: string, data: unknown, options?: { id?: string }): boolean
  /** Fails the connection; `status` is exposed as `code`, as the `eventsource` package does. */
  error(mode?: MockErrorMode): void
  /** Native listeners currently registered, for one type or in all. */
  listenerCount(type?: string): number
  /** Event types that have at least one native listener. */
  listenerTypes(): string[]
}

export interface MockEventSourceControl {
  /** The constructor: pass it as `EventSource` to `SSEProvider` or `SSEClient`, or `install()` it. */
  readonly EventSource: new (url: string | URL, init?: { withCredentials?: boolean }) => MockEventSourceInstance
  /** Every instance constructed, oldest first. */
  readonly instances: MockEventSourceInstance[]
  /** The newest instance; throws if none was constructed. */
  latest(): MockEventSourceInstance
  /** Instances not closed yet. */
  open(): MockEventSourceInstance[]
  /** Sets `globalThis.EventSource` to the mock; returns a function that restores the previous one. */
  install(): () => void
  /** Forgets the instances constructed so far. */
  reset(): void
}

/**
 * A controllable EventSource class with its own list of instances, for tests of code that uses
 * sse-hooks through the default transport.
 *
 * @example
 * import { createMockEventSource } from 'sse-hooks/testing'
 *
 * const mock = createMockEventSource()
 * render(<SSEProvider url="/events" EventSource={mock.EventSource}><Clock /></SSEProvider>)
 * act(() => mock.latest().emit('ping', { time: '12:00' }, { id: '1' }))
 * expect(mock.instances).toHaveLength(1)
 */
export function createMockEventSource(): MockEventSourceControl {
  const instances: MockEventSourceInstance[] = []

  class MockEventSource extends EventTarget implements MockEventSourceInstance {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSED = 2
    readonly url: string
    readonly withCredentials: boolean
    readyState: 0 | 1 | 2 = 0
    lastEventId = ''
    closeCalls = 0
    onopen: ((event: Event) => void) | null = null
    onmessage: ((event: MessageEvent<string>) => void) | null = null
    onerror: ((event: Event) => void) | null = null
    readonly #listeners = new Map<string, Set<unknown>>()

    constructor(url: string | URL, init?: { withCredentials?: boolean }) {
      super()
      this.url = String(url)
      this.withCredentials = init?.withCredentials ?? false
      instances.push(this)
    }

    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: AddEventListenerOptions | boolean,
    ): void {
      if (listener) {
        let set = this.#listeners.get(type)
        if (!set) this.#listeners.set(type, (set = new Set()))
        set.add(listener)
      }
      super.addEventListener(type, listener, options)
    }

    override removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: EventListenerOptions | boolean,
    ): void {
      const set = this.#listeners.get(type)
      if (set && listener) {
        set.delete(listener)
        if (set.size === 0) this.#listeners.delete(type)
      }
      super.removeEventListener(type, listener, options)
    }

    override dispatchEvent(event: Event): boolean {
      const result = super.dispatchEvent(event)
      // A lookup table would find `__proto__` in Object.prototype: event names are arbitrary strings.
      if (event.type === 'open') this.onopen?.call(this, event)
      else if (event.type === 'message') this.onmessage?.call(this, event as MessageEvent<string>)
      else if (event.type === 'error') this.onerror?.call(this, event)
      return result
    }

    close(): void {
      this.closeCalls++
      this.readyState = 2
    }

    open(): void {
      if (this.readyState === 2) return
      this.readyState = 1
      this.dispatchEvent(new Event('open'))
    }

    emit(type: string, data: unknown, options: { id?: string } = {}): boolean {
      if (this.readyState === 2) return false
      if (this.readyState === 0) this.open()
      if (options.id !== undefined) this.lastEventId = options.id
      this.dispatchEvent(
        new MessageEvent(type, {
          data: typeof data === 'string' ? data : JSON.stringify(data),
          lastEventId: this.lastEventId,
          origin: originOf(this.url),
        }),
      )
      return true
    }

    error(mode: MockErrorMode = 'transient'): void {
      const fatal = mode === 'fatal' || (typeof mode === 'object' && mode.fatal === true)
      if (this.readyState === 2) return
      this.readyState = fatal ? 2 : 0
      const event = new Event('error')
      if (typeof mode === 'object' && mode.status !== undefined) Object.assign(event, { code: mode.status })
      this.dispatchEvent(event)
    }

    listenerCount(type?: string): number {
      if (type !== undefined) return this.#listeners.get(type)?.size ?? 0
      let count = 0
      for (const set of this.#listeners.values()) count += set.size
      return count
    }

    listenerTypes(): string[] {
      return [...this.#listeners.keys()]
    }
  }

  return {
    EventSource: MockEventSource,
    instances,
    latest() {
      const instance = instances.at(-1)
      if (!instance) throw new Error('No mock EventSource has been constructed yet')
      return instance
    },
    open: () => instances.filter((instance) => instance.readyState !== 2),
    install() {
      const previous = Object.getOwnPropertyDescriptor(globalThis, 'EventSource')
      Object.defineProperty(globalThis, 'EventSource', { value: MockEventSource, configurable: true, writable: true })
      return () => {
        if (previous) Object.defineProperty(globalThis, 'EventSource', previous)
        else Reflect.deleteProperty(globalThis, 'EventSource')
      }
    },
    reset() {
      instances.length = 0
    },
  }
}

const originOf = (url: string): string => {
  try {
    return new URL(url, globalThis.location?.href).origin
  } catch {
    return ''
  }
}
