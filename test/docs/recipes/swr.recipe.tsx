// Run against docs/recipes.md's SWR snippet, in the packed-package project (see readme-snippets.test.ts).
// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react'
import { createMockEventSource } from 'sse-hooks/testing'
import { SWRConfig } from 'swr'
import { afterEach, expect, it } from 'vitest'
import { LiveMessages, Messages, type Message } from './swr'

const mock = createMockEventSource()
afterEach(mock.install())

it('an event is applied without revalidating; a reconnect revalidates once', async () => {
  let fetches = 0
  let history: Message[] = [{ id: 1, text: 'hello' }]
  const fetchMessages = async () => {
    fetches++
    return history
  }
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LiveMessages>
        <Messages fetchMessages={fetchMessages} />
      </LiveMessages>
    </SWRConfig>,
  )
  expect(await screen.findByText('hello')).toBeTruthy()
  act(() => void mock.latest().emit('message', { id: 2, text: 'live' }, { id: '2' }))
  expect(await screen.findByText('live')).toBeTruthy()
  expect(fetches).toBe(1)

  history = [{ id: 10, text: 'after the restart' }]
  act(() => mock.latest().error())
  act(() => mock.latest().open())
  expect(await screen.findByText('after the restart')).toBeTruthy()
  await act(async () => {})
  expect(fetches).toBe(2)
})
