import type { Unsubscribe } from '../core/types'

/** The part of the Web Locks API cross-tab sharing uses: `navigator.locks`, or a fake in tests. */
export interface LocksLike {
  request(
    name: string,
    options: { readonly steal?: boolean; readonly ifAvailable?: boolean; readonly signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>
}

/** The part of `BroadcastChannel` cross-tab sharing uses. */
export interface ChannelLike {
  postMessage(message: unknown): void
  close(): void
  onmessage: ((event: MessageEvent) => void) | null
}

export type ChannelConstructor = new (name: string) => ChannelLike

/**
 * What the page tells a tab that shares streams (a frozen tab needs no word: its silence says it):
 * - `'cache'`: it is going away (closed, navigated from, or into the back/forward cache): the tab
 *   lets go of everything, and says so, so the leader stops counting it and its event types
 * - `'restore'`: it came back from the back/forward cache: it rejoins
 */
export type TabChange = 'cache' | 'restore'

/** Where a tab hears of the back/forward cache. Injectable for tests. */
export interface TabLifecycle {
  subscribe(listener: (change: TabChange) => void): Unsubscribe
}

/** The browser's own: every `pagehide`, and a `pageshow` with `persisted` (a page back from the cache). */
export const browserTab: TabLifecycle = {
  subscribe(listener) {
    const win = globalThis.window
    if (!win) return () => {}
    const onHide = () => listener('cache')
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) listener('restore')
    }
    win.addEventListener('pagehide', onHide)
    win.addEventListener('pageshow', onShow)
    return () => {
      win.removeEventListener('pagehide', onHide)
      win.removeEventListener('pageshow', onShow)
    }
  },
}

/** Options of `crossTab`: every one is there for tests and unusual hosts. */
export interface CrossTabOptions {
  /** Default: `navigator.locks`, looked up when a stream opens. */
  locks?: LocksLike | undefined
  /** Default: `globalThis.BroadcastChannel`, looked up when a stream opens. */
  BroadcastChannel?: ChannelConstructor | undefined
  /** Default: the page's own `pagehide` and `pageshow` events. */
  tab?: TabLifecycle | undefined
}
