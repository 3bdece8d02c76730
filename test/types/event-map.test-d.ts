import type { StandardSchemaV1 as SpecSchema } from '@standard-schema/spec'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import {
  SSEClient,
  useEventSource,
  useSSEEvent,
  type SSEError,
  type SSEMessage,
  type SSEEventState,
  type SSEStatus,
  type StandardSchemaV1,
} from '../../src/index'

interface Ping {
  time: string
}
interface ChatMessage {
  id: number
  username: string
  text: string
}

// Declared once; in an app this is `declare module 'sse-hooks'`.
declare module '../../src/index' {
  interface SSEEventMap {
    ping: Ping
    usermessage: ChatMessage
    message: string
  }
}

describe('typed event map', () => {
  it('infers the payload from the event name with no generic', () => {
    expectTypeOf(useSSEEvent('ping')).toEqualTypeOf<SSEEventState<Ping>>()
    expectTypeOf(useSSEEvent('ping').data).toEqualTypeOf<Ping | undefined>()
    expectTypeOf(useSSEEvent('ping').error).toEqualTypeOf<SSEError | null>()
    useSSEEvent('usermessage', (message, event) => {
      expectTypeOf(message).toEqualTypeOf<ChatMessage>()
      expectTypeOf(event).toEqualTypeOf<SSEMessage>()
    })
  })

  it('makes an unknown event name a type error', () => {
    // @ts-expect-error 'pong' is not in SSEEventMap
    useSSEEvent('pong')
    // @ts-expect-error 'pong' is not in SSEEventMap
    useSSEEvent('pong', () => {})
    // @ts-expect-error 'pong' is not in SSEEventMap, schema or not
    useSSEEvent('pong', { schema: v.object({ n: v.number() }) })
    // @ts-expect-error 'pong' is not in SSEEventMap
    new SSEClient().subscribe('/events', 'pong', () => {})
  })

  it('rejects a listener or schema that contradicts the map', () => {
    // @ts-expect-error ping carries a Ping, not a number
    useSSEEvent('ping', (ping: number) => ping)
    // @ts-expect-error the schema yields a number, not a Ping
    useSSEEvent('ping', { schema: v.number() })
  })

  it('keeps the ad-hoc generic form working', () => {
    expectTypeOf(useSSEEvent<{ n: number }>('anything').data).toEqualTypeOf<{ n: number } | undefined>()
    useSSEEvent<{ n: number }>('anything', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<{ n: number }>()
    })
  })

  it('takes the payload type from a schema', () => {
    const Counter = v.object({ count: v.number() })
    expectTypeOf(useSSEEvent<{ count: number }>('counter', { schema: Counter }).data).toEqualTypeOf<{ count: number } | undefined>()
    const PingSchema = v.object({ time: v.string() })
    expectTypeOf(useSSEEvent('ping', { schema: PingSchema }).data).toEqualTypeOf<{ time: string } | undefined>()
  })

  it('accepts any Standard Schema from the spec package', () => {
    expectTypeOf<SpecSchema<unknown, Ping>>().toExtend<StandardSchemaV1<unknown, Ping>>()
  })

  it('types the connection state and the client', () => {
    const state = useEventSource()
    expectTypeOf(state.status).toEqualTypeOf<SSEStatus>()
    expectTypeOf(state.readyState).toEqualTypeOf<0 | 1 | 2>()
    expectTypeOf(state.close).toEqualTypeOf<() => void>()
    const client = new SSEClient()
    const unsubscribe = client.subscribe('/events', 'ping', (ping) => {
      expectTypeOf(ping).toEqualTypeOf<Ping>()
    })
    expectTypeOf(unsubscribe).toEqualTypeOf<() => void>()
  })
})
