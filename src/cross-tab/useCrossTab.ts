'use client'
import { useContext, useSyncExternalStore } from 'react'
import type { Transport } from '../core/transport'
import { SSEContext } from '../react/context'
import { idle, type CrossTabSnapshot, type CrossTabTransport } from './cross-tab'

const serverSnapshot = () => idle

const isCrossTab = (transport: Transport | undefined): transport is CrossTabTransport =>
  typeof (transport as Partial<CrossTabTransport> | undefined)?.getSnapshot === 'function'

/**
 * This tab's part in a stream shared across tabs, and how many tabs share it: re-renders when
 * either changes. Default: the provider's `url` and `transport`.
 *
 * @example
 * function Tabs() {
 *   const { role, tabs } = useCrossTab()
 *   return <p>{role === 'leader' ? 'This tab holds' : 'Another tab holds'} the connection for {tabs} tabs</p>
 * }
 */
export function useCrossTab(transport?: CrossTabTransport, url?: string): CrossTabSnapshot {
  const context = useContext(SSEContext)
  const shared = transport ?? context?.options.transport
  const streamUrl = url ?? context?.url
  if (!isCrossTab(shared) || !streamUrl) {
    throw new Error('sse-hooks: useCrossTab needs a crossTab() transport and a url, given or from an <SSEProvider> above')
  }
  return useSyncExternalStore(shared.subscribe, () => shared.getSnapshot(streamUrl), serverSnapshot)
}
