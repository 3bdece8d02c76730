import { noop } from './noop'
import type { PageChange, PageLifecycle } from './transport'

/**
 * The browser's page lifecycle: `navigator.onLine`, `document.visibilityState` and their events,
 * looked up when asked, so it also works where there is no window (SSR, Node, workers).
 */
export const browserPage: PageLifecycle = {
  online: () => globalThis.navigator?.onLine !== false,
  visible: () => globalThis.document?.visibilityState !== 'hidden',
  subscribe(listener) {
    const win = globalThis.window
    const doc = globalThis.document
    if (!win) return noop
    const onChange = (event: Event) => {
      if (event.type !== 'visibilitychange') return listener(event.type as PageChange)
      listener(doc.visibilityState === 'hidden' ? 'hidden' : 'visible')
    }
    // Optional calls: a stream may let go of a window that is gone by then (a test environment torn down).
    const watch = (method: 'addEventListener' | 'removeEventListener') => {
      win[method]?.('online', onChange)
      win[method]?.('offline', onChange)
      doc?.[method]?.('visibilitychange', onChange)
    }
    watch('addEventListener')
    return () => watch('removeEventListener')
  },
}
