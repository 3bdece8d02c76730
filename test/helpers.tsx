import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { SSEClient, SSEProvider, type SSEOptions } from '../src/index'
import { createMockEventSource } from '../src/testing/index'

/** A fresh client and mock EventSource per test: nothing is shared between tests. */
export function setup(options: SSEOptions & { url?: string } = {}) {
  const mock = createMockEventSource()
  const client = new SSEClient({ EventSource: mock.EventSource, ...options })
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <SSEProvider client={client} url={options.url ?? '/events'}>
      {children}
    </SSEProvider>
  )
  const renderWithProvider = (ui: ReactNode) => render(ui, { wrapper })
  return { mock, client, wrapper, render: renderWithProvider }
}
