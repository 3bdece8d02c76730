// @vitest-environment node
import { PassThrough } from 'node:stream'
import { Suspense } from 'react'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { SSEClient, SSEProvider, useEventSource, useSSEEvent } from '../../src/index'
import { createMockEventSource } from '../../src/testing/index'

function Price() {
  const { data } = useSSEEvent<number>('price', { suspense: true })
  return <p>{`price ${data}`}</p>
}
function Status() {
  const { status } = useEventSource(undefined, { suspense: true })
  return <p>{status}</p>
}

function tree() {
  const mock = createMockEventSource()
  const client = new SSEClient({ EventSource: mock.EventSource })
  const app = (
    <SSEProvider client={client} url="http://127.0.0.1/events">
      <Suspense fallback={<p>loading price</p>}>
        <Price />
      </Suspense>
      <Suspense fallback={<p>loading status</p>}>
        <Status />
      </Suspense>
    </SSEProvider>
  )
  return { mock, client, app }
}

describe('suspending hooks on the server', () => {
  it('renderToString finishes with the fallbacks and opens no stream', () => {
    const { mock, client, app } = tree()
    const html = renderToString(app)
    expect(html).toContain('loading price')
    expect(html).toContain('loading status')
    expect(mock.instances).toHaveLength(0)
    expect(client.getStats().connections).toBe(0)
  })

  it('renderToPipeableStream finishes with the fallbacks and opens no stream', async () => {
    const { mock, client, app } = tree()
    const errors: unknown[] = []
    const html = await new Promise<string>((resolve, reject) => {
      const sink = new PassThrough()
      let text = ''
      sink.on('data', (chunk: Buffer) => (text += chunk.toString()))
      sink.on('end', () => resolve(text))
      const { pipe } = renderToPipeableStream(app, {
        onAllReady: () => pipe(sink),
        onShellError: reject,
        onError: (error) => void errors.push(error),
      })
    })
    expect(html).toContain('loading price')
    expect(html).toContain('loading status')
    expect(mock.instances).toHaveLength(0)
    expect(client.getStats().connections).toBe(0)
    expect(String(errors[0])).toContain('no streams on the server')
  })
})
