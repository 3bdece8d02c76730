// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { SSEProvider, useEventSource, useSSEEvent } from '../src/index'

describe('server rendering', () => {
  it('renders the hooks without window and constructs no EventSource', () => {
    expect(typeof window).toBe('undefined')
    const constructed = vi.fn()
    vi.stubGlobal(
      'EventSource',
      class {
        constructor() {
          constructed()
        }
      },
    )
    const listener = vi.fn()
    function Page() {
      const { data, error } = useSSEEvent<{ time: string }>('ping')
      const { status, readyState } = useEventSource()
      useSSEEvent('chat', listener)
      return <p>{`${status}/${readyState}/${data?.time ?? 'no ping'}/${error ? 'error' : 'ok'}`}</p>
    }
    const html = renderToString(
      <SSEProvider url="/api/events">
        <Page />
      </SSEProvider>,
    )
    expect(html).toBe('<p>connecting/0/no ping/ok</p>')
    expect(constructed).not.toHaveBeenCalled()
    expect(listener).not.toHaveBeenCalled()
  })
})
