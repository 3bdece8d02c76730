/** The dock side of the panel. */
export type SSEDevtoolsDock = 'bottom' | 'right'

/** What the panel remembers across reloads, in `localStorage`. */
export interface PanelState {
  readonly open: boolean
  readonly dock: SSEDevtoolsDock
  /** Height (docked bottom) or width (docked right), in px. */
  readonly size: number
}

export const MIN_SIZE = 120

/** The stored state, or `fallback` where nothing (valid) is stored or storage is unavailable. */
export function readPanelState(storageKey: string, fallback: PanelState): PanelState {
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(storageKey) ?? 'null') as Partial<PanelState> | null
    return {
      open: typeof stored?.open === 'boolean' ? stored.open : fallback.open,
      dock: stored?.dock === 'right' || stored?.dock === 'bottom' ? stored.dock : fallback.dock,
      size: typeof stored?.size === 'number' && stored.size >= MIN_SIZE ? stored.size : fallback.size,
    }
  } catch {
    return fallback
  }
}

export function writePanelState(storageKey: string, state: PanelState): void {
  try {
    globalThis.localStorage?.setItem(storageKey, JSON.stringify(state))
  } catch {
    // Storage full or denied (a private window): the panel works, it only forgets.
  }
}
