import { describe, expectTypeOf, it } from 'vitest'
import {
  eventSource,
  SSEClient,
  useEventSource,
  useSSEEvent,
  type SSEOptions,
  type SSEProviderProps,
  type Transport,
  type UseEventSourceOptions,
  type UseSSEEventOptions,
} from '../../src/index'
import { createFakePage } from '../../src/testing/index'

/** Every stream option, set: whatever takes one must take them all. */
const every: Required<SSEOptions> = {
  transport: eventSource(),
  withCredentials: true,
  EventSource: globalThis.EventSource,
  lastEventIdParam: 'after',
  reconnect: { initialDelay: 500, maxDelay: 10_000, factor: 3, maxRetries: 4 },
  closeDelay: 250,
  maxMessageBytes: 65_536,
  pauseWhenHidden: true,
  page: createFakePage(),
  batch: 'frame',
  onReconnect: () => {},
}

describe('every provider option, everywhere, with the same meaning', () => {
  it('is accepted by SSEProvider, both hooks and new SSEClient()', () => {
    expectTypeOf(every).toExtend<SSEProviderProps>()
    expectTypeOf(every).toExtend<UseEventSourceOptions>()
    expectTypeOf(every).toExtend<UseSSEEventOptions>()
    expectTypeOf(every).toExtend<ConstructorParameters<typeof SSEClient>[0]>()
    useEventSource('/events', every)
    useEventSource('/events', { batch: 'frame' })
    useSSEEvent<number>('n', every)
    useSSEEvent<number>('n', () => {}, every)
    new SSEClient(every)
    new SSEClient({ batch: 'frame' })
  })

  it('types each option the same way in each place', () => {
    expectTypeOf<UseEventSourceOptions['batch']>().toEqualTypeOf<SSEProviderProps['batch']>()
    expectTypeOf<UseSSEEventOptions['transport']>().toEqualTypeOf<Transport | undefined>()
    expectTypeOf<SSEProviderProps['reconnect']>().toEqualTypeOf<SSEOptions['reconnect']>()
  })

  it('rejects a batch mode that does not exist', () => {
    // @ts-expect-error 'never' is not a batch mode
    useEventSource('/events', { batch: 'never' })
    // @ts-expect-error 'never' is not a batch mode
    new SSEClient({ batch: 'never' })
  })
})
