/** Does nothing: for reports a connection ignores, and unsubscribes with nothing to undo. */
export const noop = (): void => {}
