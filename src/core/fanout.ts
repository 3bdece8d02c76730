import { createDecoder, isPromise, type Decode, type Decoded } from './decode'
import { eventError, isFailure } from './errors'
import { report } from './report'
import type { SSEReconnectListener } from './recovery'
import type { SSEMessage } from './transport'
import type { DecodeOptions, SSEListener } from './types'

/** One event on its way to subscribers: the message and its shared, memoised decoder. */
export interface Delivery {
  readonly message: SSEMessage
  readonly decode: Decode
}

/** Read at every event, so a subscriber may change its parser, schema or onError without resubscribing. */
export interface Decoding extends DecodeOptions {
  /** The subscriber keeps a current value, not a log: it also takes a latest event known from elsewhere. */
  readonly state?: boolean | undefined
  /** This subscriber's own hearing of recoveries (see `SSEOptions.onReconnect`). */
  readonly onReconnect?: SSEReconnectListener | undefined
}

/**
 * One subscriber; `round` numbers the delivery, so one added during a delivery waits for the next;
 * `known` marks a latest event known from elsewhere, which only state subscribers take.
 */
type Receiver = (message: SSEMessage, decode: Decode, round: number, known: boolean | undefined) => void

export interface Fanout {
  /** The event types that have subscribers. */
  types(): IterableIterator<string>
  /** Hands an event to its type's subscribers; with `known`, only to those that keep a current value. */
  deliver(message: SSEMessage, maxBytes: number | undefined, known?: boolean): void
  /** The latest event of a type, kept while the type has subscribers. */
  latest(type: string): Delivery | undefined
  /** Returns a function that removes the subscriber, and says whether it was still there. */
  subscribe(type: string, listener: SSEListener, decoding: Decoding): () => boolean
}

/**
 * Subscribers per event type: each event decoded once per decoder, delivered in order (async
 * schemas included), a throwing listener isolated from the others, and the latest event kept.
 * `listen` hears when a type gains its first subscriber or loses its last.
 */
export function createFanout(listen: (type: string, wanted: boolean) => void): Fanout {
  const channels = new Map<string, Set<Receiver>>()
  const latest = new Map<string, Delivery>()
  let rounds = 0

  return {
    types: () => channels.keys(),
    latest: (type) => latest.get(type),

    deliver(message, maxBytes = Infinity, known) {
      const receivers = channels.get(message.type)
      if (!receivers) return
      const { data, type, lastEventId } = message
      // The error leaves out the data, so a rejected event is not kept alive in anyone's state.
      const oversize =
        data.length > maxBytes / 3 &&
        new TextEncoder().encode(data).length > maxBytes &&
        eventError('size', { type, lastEventId }, `over maxMessageBytes (${maxBytes})`)
      const delivery = { message, decode: oversize ? () => oversize : createDecoder(message) }
      latest.set(type, delivery)
      const round = ++rounds
      for (const receive of receivers) receive(message, delivery.decode, round, known)
    },

    subscribe(type, listener, decoding) {
      let receivers = channels.get(type)
      if (!receivers) {
        channels.set(type, (receivers = new Set()))
        listen(type, true)
      }
      const owner = receivers
      const joinedAt = rounds
      /** Deliveries waiting behind an async schema, so events stay in order. */
      let queue: Promise<unknown> | undefined
      const deliver = (decoded: Decoded, message: SSEMessage) => {
        let error = isFailure(decoded) ? decoded : undefined
        if (!error) {
          try {
            listener(decoded, message)
          } catch (cause) {
            error = eventError('listener', message, cause)
          }
        }
        if (!error) return
        if (!decoding.onError) return report(error)
        try {
          decoding.onError(error)
        } catch (cause) {
          report(eventError('listener', message, cause))
        }
      }
      const receive: Receiver = (message, decode, round, known) => {
        if (round === joinedAt || (known && !decoding.state)) return
        const { schema } = decoding
        const result = decode(decoding.parse, schema)
        // Only a schema can make decoding asynchronous.
        if (!queue && !(schema && isPromise(result))) return deliver(result, message)
        const queued: Promise<unknown> = (queue = Promise.all([queue, result]).then(([, decoded]) => {
          if (queue === queued) queue = undefined
          if (owner.has(receive)) deliver(decoded, message)
        }))
      }
      owner.add(receive)
      return () => {
        if (!owner.delete(receive)) return false
        if (!owner.size) {
          // Nobody hears this type now: its next events pass by, so what is kept would go stale.
          channels.delete(type)
          latest.delete(type)
          listen(type, false)
        }
        return true
      }
    },
  }
}
