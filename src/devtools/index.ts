import type { ReactElement } from 'react'
import { SSEDevtools as Panel, type SSEDevtoolsProps } from './SSEDevtools'

declare const process: { env: { NODE_ENV?: string } }

/**
 * `<SSEDevtools />` in development; in a production build (`process.env.NODE_ENV === 'production'`)
 * a component that renders nothing, and the bundler leaves the panel out. `process.env.NODE_ENV` is
 * read bare, as TanStack Query's devtools read it, since every bundler replaces that exact
 * expression (Vite and others leave `typeof process` alone, so a guard would hide the panel in
 * development); without a bundler, import `sse-hooks/devtools/production`, which keeps the panel
 * in every build.
 *
 * @example
 * import { SSEDevtools } from 'sse-hooks/devtools'
 *
 * <SSEProvider url="/api/events">
 *   <App />
 *   <SSEDevtools initialIsOpen={false} />
 * </SSEProvider>
 */
export const SSEDevtools: (props: SSEDevtoolsProps) => ReactElement | null = process.env.NODE_ENV === 'production' ? () => null : Panel

export type { SSEDevtoolsButtonPosition, SSEDevtoolsDock, SSEDevtoolsProps } from './SSEDevtools'
