// Run against docs/recipes.md's TanStack Query snippet, in the packed-package project (see readme-snippets.test.ts).
// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { createMockEventSource } from 'sse-hooks/testing'
import { afterEach, expect, it } from 'vitest'
import { LiveMessages, Messages, type Message } from './tanstack-query'

const mock = createMockEventSource()
afterEach(mock.install())

it('an event updates the cached list without a refetch; a reconnect after a restart refetches it once', async () => {
  let fetches = 0
  let history: Message[] = [{ id: 1, text: 'hello' }]
  const fetchMessages = async () => {
    fetches++
    return history
  }
  render(
    <QueryClientProvider client={new QueryClient()}>
      <LiveMessages>
        <Messages fetchMessages={fetchMessages} />
      </LiveMessages>
    </QueryClientProvider>,
  )
  expect(await screen.findByText('hello')).toBeTruthy()
  act(() => void mock.latest().emit('message', { id: 2, text: 'live' }, { id: '2' }))
  expect(await screen.findByText('live')).toBeTruthy()
  expect(fetches).toBe(1)

  // The server restarts and loses its history: the stream drops, comes back, and the list is refetched.
  history = [{ id: 10, text: 'after the restart' }]
  act(() => mock.latest().error())
  act(() => mock.latest().open())
  expect(await screen.findByText('after the restart')).toBeTruthy()
  expect(screen.queryByText('live')).toBeNull()
  await act(async () => {})
  expect(fetches).toBe(2)
})
