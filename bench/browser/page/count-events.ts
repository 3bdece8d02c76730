// Counts the events that reach any JavaScript listener on an EventSource of the page (the
// contender's own code, before it decides what to render), so an event type a contender never
// listens for shows as 0 delivered. Each event object is counted once, however many listeners
// it reaches. Runs before any page creates an EventSource.
let lastEvent: Event | null = null
let received = 0

/** Distinct events dispatched to the page's EventSource listeners (or counted by a fetch page) so far. */
export const eventsReceived = (): number => received

/** For a page that reads its stream with fetch: one event reached its JavaScript. */
export function countReceived(): void {
  received++
}

function count(event: Event): void {
  if (event !== lastEvent && event.type !== 'open' && event.type !== 'error') {
    lastEvent = event
    received++
  }
}

type Listener = EventListenerOrEventListenerObject
const wrappers = new WeakMap<Listener, EventListener>()
function wrap(listener: Listener): EventListener {
  let wrapper = wrappers.get(listener)
  if (!wrapper) {
    wrapper = (event) => {
      count(event)
      return typeof listener === 'function' ? listener.call(null, event) : listener.handleEvent(event)
    }
    wrappers.set(listener, wrapper)
  }
  return wrapper
}

const proto: EventTarget = EventSource.prototype
const add = proto.addEventListener
const remove = proto.removeEventListener
proto.addEventListener = function (this: EventTarget, type, listener, options) {
  add.call(this, type, listener && wrap(listener), options)
}
proto.removeEventListener = function (this: EventTarget, type, listener, options) {
  remove.call(this, type, listener && wrap(listener), options)
}
const onmessage = Object.getOwnPropertyDescriptor(EventSource.prototype, 'onmessage')
Object.defineProperty(proto, 'onmessage', {
  configurable: true,
  get(this: EventSource) {
    return onmessage?.get?.call(this)
  },
  set(this: EventSource, handler: ((event: MessageEvent) => void) | null) {
    const counted = (event: MessageEvent) => {
      count(event)
      handler?.call(this, event)
    }
    onmessage?.set?.call(this, handler && counted)
  },
})
