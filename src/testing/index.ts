export { createMockEventSource } from './mock-event-source'
export { createMockTransport } from './mock-transport'
export { createFakePage } from './fake-page'

export type { MockErrorMode, MockEventSourceControl, MockEventSourceInstance } from './mock-event-source'
export type { MockConnection, MockTransportControl } from './mock-transport'
export type { FakePage } from './fake-page'
