// @vitest-environment jsdom
/** Request streams in the panel: a useSSERequest run under the provider appears with its status and events. */
import { act, cleanup, fireEvent, render, within } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { SSEClient, SSEProvider } from '../../src/index'
import { SSEDevtools } from '../../src/devtools/production'
import { useSSERequest } from '../../src/fetch/index'

afterEach(cleanup)

const panel = () => {
  const root = document.querySelector('sse-devtools')?.shadowRoot
  if (!root) throw new Error('no devtools host')
  return within(root as unknown as HTMLElement)
}

function Ask({ fetch }: { fetch: typeof globalThis.fetch }) {
  const reply = useSSERequest<{ delta: string }, string>('http://127.0.0.1:1/api/ask', {
    fetch,
    reduce: (text, chunk) => text + chunk.delta,
    initial: '',
  })
  return (
    <button type="button" onClick={() => reply.start({ question: 'hi' })}>
      {`ask ${reply.status}`}
    </button>
  )
}

it('shows a request run that started after the panel attached, with its status', async () => {
  const fetch = async () =>
    new Response('data: {"delta":"he"}\n\ndata: {"delta":"llo"}\n\ndata: [DONE]\n\n', {
      headers: { 'Content-Type': 'text/event-stream' },
    })
  const view = render(
    <SSEProvider client={new SSEClient()} url="http://127.0.0.1:1/events">
      <Ask fetch={fetch} />
      <SSEDevtools initialIsOpen />
    </SSEProvider>,
  )
  await act(async () => fireEvent.click(view.getByRole('button', { name: /^ask/ })))
  await view.findByText('ask done')
  await act(() => new Promise((resolve) => setTimeout(resolve, 300))) // the panel renders at most every 200 ms
  const row = panel().getByRole('row', { name: /api\/ask/ })
  expect(row.textContent).toMatch(/POST/)
  expect(row.textContent).toMatch(/done/)
})
