// Run against docs/recipes.md's snapshot-then-events snippet, in the packed-package project (see readme-snippets.test.ts).
// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react'
import { SSEProvider } from 'sse-hooks'
import { createMockEventSource } from 'sse-hooks/testing'
import { afterEach, expect, it } from 'vitest'
import { MessageList, type Message } from './snapshot'

const mock = createMockEventSource()
afterEach(mock.install())

it('applies events after the history once each, and refetches it once after a restart that lost events', async () => {
  let fetches = 0
  let history: Message[] = [{ id: 1, text: 'one' }]
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

  // The server restarts: the history gained a message the stream never sent; a replayed one comes too.
  history = [...history, { id: 2, text: 'two' }, { id: 3, text: 'three' }]
  act(() => mock.latest().error())
  act(() => mock.latest().open())
  act(() => void mock.latest().emit('message', { id: 2, text: 'two' }, { id: '2' }))
  expect(await screen.findByText('three')).toBeTruthy()
  expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['one', 'two', 'three'])
  expect(fetches).toBe(2)
})
