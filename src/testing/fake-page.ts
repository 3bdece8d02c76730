import type { PageChange, PageLifecycle } from '../core/transport'

export interface FakePage extends PageLifecycle {
  /** Goes online or offline, and tells the streams if that is a change. */
  setOnline(online: boolean): void
  /** Shows or hides the page, and tells the streams if that is a change. */
  setVisible(visible: boolean): void
}

/**
 * A page lifecycle the test controls, for the `page` option: online and visible until told otherwise.
 *
 * @example
 * const page = createFakePage()
 * const client = new SSEClient({ page, pauseWhenHidden: true })
 * page.setVisible(false) // streams close; page.setVisible(true) resumes them
 */
export function createFakePage({ online = true, visible = true } = {}): FakePage {
  const listeners = new Set<(change: PageChange) => void>()
  const tell = (change: PageChange) => {
    for (const listener of [...listeners]) listener(change)
  }
  return {
    online: () => online,
    visible: () => visible,
    subscribe(listener) {
      const entry = (change: PageChange) => listener(change)
      listeners.add(entry)
      return () => listeners.delete(entry)
    },
    setOnline(next) {
      if (next === online) return
      online = next
      tell(next ? 'online' : 'offline')
    },
    setVisible(next) {
      if (next === visible) return
      visible = next
      tell(next ? 'visible' : 'hidden')
    },
  }
}
