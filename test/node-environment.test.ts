// @vitest-environment node
// SSEClient outside a browser (a Node service, a worker): no document, no window.
import { describe, expect, it, vi } from 'vitest'
import { SSEClient } from '../src/index'
import { createMockEventSource } from '../src/testing/index'

describe('SSEClient without a document', () => {
  it('hands a relative URL it cannot resolve to the EventSource as it is, and says in development why it will fail', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const mock = createMockEventSource()
    const client = new SSEClient({ EventSource: mock.EventSource })
    const seen: unknown[] = []
    const unsubscribe = client.subscribe('/events', 'ping', (ping) => seen.push(ping))
    expect(mock.latest().url).toBe('/events')
    expect(warn).toHaveBeenCalledWith(
      'sse-hooks: /events is not an absolute URL, and there is no document to resolve it against: pass an absolute one',
    )
    mock.latest().emit('ping', 1)
    expect(seen).toEqual([1])
    expect(client.getSnapshot('/events').status).toBe('open')
    unsubscribe()
  })
})
