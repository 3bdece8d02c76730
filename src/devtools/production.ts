// The panel in every build, production included: for a staging site, or a page that shows it on purpose.
export { SSEDevtools } from './SSEDevtools'
export type { SSEDevtoolsButtonPosition, SSEDevtoolsDock, SSEDevtoolsProps } from './SSEDevtools'
