import { act, cleanup, render, screen } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { SSEClient, SSEProvider, useSSEEvent } from '../../src/index'
import { fetchTransport } from '../../src/fetch/index'
import { Boundary } from './boundary'

function Price() {
  const { data } = useSSEEvent<number>('price', { suspense: true })
  return <p>{data}</p>
}

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

it('a 204 from the fetch transport reaches the error boundary with its status', async () => {
  const requests: string[] = []
  const transport = fetchTransport({
    fetch: async (url) => {
      requests.push(String(url))
      return new Response(null, { status: 204 })
    },
  })
  render(
    <SSEProvider client={new SSEClient()} url="http://127.0.0.1/events" transport={transport}>
      <Boundary>
        <Suspense fallback={<p>loading</p>}>
          <Price />
        </Suspense>
      </Boundary>
    </SSEProvider>,
  )
  expect(screen.getByText('loading')).toBeTruthy()
  await act(async () => {})
  expect((await screen.findByRole('button')).textContent).toBe('HTTP 204 (204)')
  expect(requests).toHaveLength(1)
})
