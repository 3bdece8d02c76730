'use client'
import { useContext, useEffect, useMemo, useState, type ReactElement } from 'react'
import { createPortal } from 'react-dom'
import type { SSEClient } from '../core/client'
import type { CrossTabTransport } from '../cross-tab/cross-tab'
import { SSEContext } from '../react/context'
import { Shell } from './Shell'
import { css } from './styles'
import type { SSEDevtoolsDock } from './persist'
import { createDevtoolsStore } from './store'

export type { SSEDevtoolsDock }

/** Where the toggle button sits. */
export type SSEDevtoolsButtonPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/**
 * Props of `SSEDevtools`.
 *
 * @example
 * <SSEDevtools initialIsOpen position="right" buttonPosition="top-right" maxEvents={1000} theme="dark" />
 */
export interface SSEDevtoolsProps {
  /** Open the panel on the first visit; later visits restore what the panel was. Default `false`. */
  initialIsOpen?: boolean | undefined
  /** The client to inspect. Default: the one of the `<SSEProvider>` above. */
  client?: SSEClient | undefined
  /** Where the panel docks on the first visit (the user can switch it). Default `'bottom'`. */
  position?: SSEDevtoolsDock | undefined
  /** The corner of the toggle button. Default `'bottom-right'`. */
  buttonPosition?: SSEDevtoolsButtonPosition | undefined
  /** Events kept per stream: the log is a ring of the newest ones. Default `500`. */
  maxEvents?: number | undefined
  /** `'system'` follows the viewer's color scheme. Default `'system'`. */
  theme?: 'system' | 'light' | 'dark' | undefined
  /** The `localStorage` key of the panel's state (open, dock, size). Default `'sse-hooks-devtools'`. */
  storageKey?: string | undefined
  /** A nonce for the panel's `<style>`, where constructed style sheets are missing and a Content-Security-Policy forbids inline styles. */
  styleNonce?: string | undefined
}

/**
 * A panel over a client's streams: each stream's transport, phase (a backoff with its countdown),
 * subscribers by type, a bounded live log of its events and a timeline of its phases and
 * failures; request streams (`useSSERequest`) too; close and reconnect. It lives in a shadow root
 * appended to `document.body`, so the page's CSS and the panel's never meet. From `sse-hooks/devtools`
 * it renders nothing in a production build; `sse-hooks/devtools/production` keeps it there.
 *
 * @example
 * <SSEProvider url="/api/events">
 *   <App />
 *   <SSEDevtools initialIsOpen={false} />
 * </SSEProvider>
 */
export function SSEDevtools({ client, maxEvents = 500, ...props }: SSEDevtoolsProps): ReactElement | null {
  const context = useContext(SSEContext)
  const inspected = client ?? context?.client
  const [root, setRoot] = useState<ShadowRoot | null>(null)
  // The provider's crossTab() transport, if it has one, tells this tab's part in its streams.
  const transport = client ? undefined : context?.options.transport
  const shared =
    typeof (transport as Partial<CrossTabTransport> | undefined)?.getSnapshot === 'function' ? (transport as CrossTabTransport) : undefined
  const store = useMemo(() => (inspected ? createDevtoolsStore(inspected, maxEvents, shared) : undefined), [inspected, maxEvents, shared])

  useEffect(() => {
    const host = document.createElement('sse-devtools')
    host.style.setProperty('all', 'initial')
    document.body.append(host)
    // The host is made on mount, never on the server: the shadow root reaches React only this way.
    const shadow = host.attachShadow({ mode: 'open' })
    // A constructed sheet is not inline style: a Content-Security-Policy without 'unsafe-inline' lets it be.
    if (typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in shadow) {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      shadow.adoptedStyleSheets = [sheet]
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRoot(shadow)
    return () => host.remove()
  }, [])
  useEffect(() => {
    if (!inspected) console.error('sse-hooks: <SSEDevtools> needs an <SSEProvider> above, or a client')
  }, [inspected])

  if (!root || !store) return null
  const styled = 'adoptedStyleSheets' in root && root.adoptedStyleSheets.length > 0
  return createPortal(<Shell store={store} styled={styled} {...props} />, root)
}
