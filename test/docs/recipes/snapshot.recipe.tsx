// Run against docs/recipes.md's snapshot-then-events snippet, in the packed-package project (see readme-snippets.test.ts).
// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react'
import { SSEProvider } from 'sse-hooks'
import { createMockEventSource } from 'sse-hooks/testing'
import { afterEach, expect, it } from 'vitest'
import { MessageList, type Message } from './snapshot'

const mock = createMockEventSource()
afterEach(mock.install())

it('applies events after the history once each, and refetches only when a recovery could not resume', async () => {
  let fetches = 0
  const history: Message[] = [{ id: 1, text: 'one' }]
  const fetchHistory = async () => {
    fetches++
    return history
  }
  render(
    <SSEProvider url="/api/events">
      <MessageList fetchHistory={fetchHistory} />
    </SSEProvider>,
  )
  expect(await screen.findByText('one')).toBeTruthy()
  // An event the history already had, then a new one: each shown once.
  act(() => void mock.latest().emit('message', { id: 1, text: 'one' }, { id: '1' }))
  act(() => void mock.latest().emit('message', { id: 2, text: 'two' }, { id: '2' }))
  expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['one', 'two'])

  // A drop the browser resumed from id 2: the server replays, no refetch.
  act(() => mock.latest().error())
  act(() => mock.latest().open())
  await act(async () => {})
  expect(fetches).toBe(1)
  expect(screen.getAllByRole('listitem')).toHaveLength(2)
})
