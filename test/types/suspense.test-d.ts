import { describe, expectTypeOf, it } from 'vitest'
import { SSEClient, useEventSource, useSSEEvent, type SSEError, type SSEReconnectInfo } from '../../src/index'

describe('suspense and onReconnect types', () => {
  it('types data as present under suspense: true, and possibly undefined without it', () => {
    expectTypeOf(useSSEEvent<number>('n', { suspense: true }).data).toEqualTypeOf<number>()
    expectTypeOf(useSSEEvent<number>('n').data).toEqualTypeOf<number | undefined>()
    expectTypeOf(useSSEEvent<number>('n', { suspense: false }).data).toEqualTypeOf<number | undefined>()
    expectTypeOf(useEventSource(undefined, { suspense: true }).status).toEqualTypeOf<'connecting' | 'open' | 'reconnecting' | 'closed'>()
  })

  it("types onReconnect's argument", () => {
    new SSEClient({
      onReconnect(info) {
        expectTypeOf(info).toEqualTypeOf<SSEReconnectInfo>()
        expectTypeOf(info.lastEventId).toEqualTypeOf<string>()
        expectTypeOf(info.resumed).toEqualTypeOf<boolean>()
        expectTypeOf(info.downtime).toEqualTypeOf<number>()
        expectTypeOf(info.error).toEqualTypeOf<SSEError | null>()
      },
    })
    useSSEEvent<number>('n', { staleOnReconnect: true, onReconnect: (info) => expectTypeOf(info.url).toEqualTypeOf<string>() })
  })
})

describe('suspense that may be off', () => {
  it('types data as possibly undefined when enabled may be false', () => {
    const enabled = Math.random() > 0.5
    expectTypeOf(useSSEEvent<number>('n', { suspense: true, enabled }).data).toEqualTypeOf<number | undefined>()
  })
})
