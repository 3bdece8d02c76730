// sse-hooks across tabs: the default page (useSSEEvent(type) in each component under one
// SSEProvider) plus one listener per type that stamps when each event reached this tab's code.
// The entry passes `crossTab()` (one connection for every tab of the browser context, relayed over
// a BroadcastChannel) or nothing (a connection of its own, the baseline).
import type { CrossTabTransport } from '../../../src/cross-tab/index'
import { SSEProvider, useSSEEvent } from '../../../src/index'
import { eventTypes, streamUrl, type Payload } from './harness'
import { mountCells } from './react-root'
import { Cell } from './sse-hooks'

const total = Number(new URLSearchParams(location.search).get('total') ?? '0')
/** seq → when this tab's listener got it (ms on the clock every page shares), 0 if never. */
const arrivals = new Float64Array(total + 1)

function Stamp({ type }: { type: string }) {
  useSSEEvent<Payload>(type, ({ seq }) => {
    if (seq > 0 && seq <= total && !arrivals[seq]) arrivals[seq] = performance.timeOrigin + performance.now()
  })
  return null
}

declare global {
  interface Window {
    __crossTab: {
      /** This tab's part ('leader', 'follower', …) and the tabs sharing, or 'own' without crossTab. */
      role(): { readonly role: string; readonly tabs: number }
      arrivals(): number[]
    }
  }
}

export function mount(transport?: CrossTabTransport): void {
  window.__crossTab = {
    role: () => transport?.getSnapshot(streamUrl) ?? { role: 'own', tabs: 1 },
    arrivals: () => Array.from(arrivals),
  }
  const stamps = eventTypes.map((type) => <Stamp key={type} type={type} />)
  mountCells(Cell, (children) =>
    transport ? (
      <SSEProvider url={streamUrl} transport={transport}>
        {children}
        {stamps}
      </SSEProvider>
    ) : (
      <SSEProvider url={streamUrl}>
        {children}
        {stamps}
      </SSEProvider>
    ),
  )
}
