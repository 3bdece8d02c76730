import type { ReactElement } from 'react'
import { SSEDevtools as Panel, type SSEDevtoolsProps } from './SSEDevtools'

declare const process: { env: { NODE_ENV?: string } } | undefined

/**
 * `<SSEDevtools />` in development; in a production build (`process.env.NODE_ENV === 'production'`,
 * or no `process` at all) a component that renders nothing, and the bundler leaves the panel out.
 * The check is written out here, as in the core's report.ts, so a bundler sees the comparison.
 * Import from `sse-hooks/devtools/production` to keep the panel in a production build.
 *
 * @example
 * import { SSEDevtools } from 'sse-hooks/devtools'
 *
 * <SSEProvider url="/api/events">
 *   <App />
 *   <SSEDevtools initialIsOpen={false} />
 * </SSEProvider>
 */
export const SSEDevtools: (props: SSEDevtoolsProps) => ReactElement | null =
  typeof process === 'undefined' || process.env.NODE_ENV === 'production' ? () => null : Panel

export type { SSEDevtoolsButtonPosition, SSEDevtoolsDock, SSEDevtoolsProps } from './SSEDevtools'
