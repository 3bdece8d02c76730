'use client'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { snapshotOf } from '../core/snapshot'
import type { SSEStatus } from '../core/types'
import { Panel } from './Panel'
import { MIN_SIZE, readPanelState, writePanelState, type PanelState } from './persist'
import type { SSEDevtoolsProps } from './SSEDevtools'
import type { DevtoolsStore } from './store'
import { css } from './styles'

/** `styled`: the shadow root has adopted the panel's sheet already; else a `<style>` carries it. */
type ShellProps = Omit<SSEDevtoolsProps, 'client' | 'maxEvents'> & { store: DevtoolsStore; styled: boolean }

/** The worst status among the streams, for the toggle button's dot. */
function overall(statuses: SSEStatus[]): SSEStatus | 'none' {
  for (const status of ['closed', 'reconnecting', 'connecting', 'open'] as const) if (statuses.includes(status)) return status
  return 'none'
}

/** The toggle button and the panel, with the panel's remembered state. */
export function Shell({
  store,
  initialIsOpen = false,
  position = 'bottom',
  buttonPosition = 'bottom-right',
  theme = 'system',
  storageKey = 'sse-hooks-devtools',
  styleNonce,
  styled,
}: ShellProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  const [state, setState] = useState<PanelState>(() => readPanelState(storageKey, { open: initialIsOpen, dock: position, size: 320 }))
  useEffect(() => writePanelState(storageKey, state), [storageKey, state])
  // Closing the panel puts the keyboard's focus back on the button that opens it.
  const [refocus, setRefocus] = useState(false)
  const update = (patch: Partial<PanelState>) => {
    if (patch.open === false) setRefocus(true)
    setState((current) => ({ ...current, ...patch, size: Math.max(MIN_SIZE, patch.size ?? current.size) }))
  }
  const status = overall(snapshot.streams.map((view) => snapshotOf(view.facts.state, view.facts.lastEventId).status))

  return (
    <div className="root" data-theme={theme}>
      {styled ? null : <style nonce={styleNonce}>{css}</style>}
      {state.open ? (
        <Panel store={store} snapshot={snapshot} state={state} update={update} />
      ) : (
        <button
          type="button"
          className="toggle"
          data-corner={buttonPosition}
          aria-expanded={false}
          autoFocus={refocus}
          aria-label={`Open SSE devtools (${snapshot.streams.length} streams, ${status === 'none' ? 'none open' : status})`}
          onClick={() => update({ open: true })}
        >
          <span className="dot" data-status={status} aria-hidden="true" />
          SSE
        </button>
      )}
    </div>
  )
}
