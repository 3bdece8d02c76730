export { crossTab } from './cross-tab'
export { useCrossTab } from './useCrossTab'

export type { CrossTabRole, CrossTabSnapshot, CrossTabTransport } from './cross-tab'
export type { ChannelConstructor, ChannelLike, CrossTabOptions, LocksLike, TabChange, TabLifecycle } from './environment'
