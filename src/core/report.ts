declare const process: { env: { NODE_ENV?: string } } | undefined

/**
 * Where an error of user code goes when its subscriber has no `onError`: the console, in
 * development only, so a production page stays quiet and a developer still sees it. The check is
 * written out where it is used (here and in the client), since a bundler drops a branch on
 * `process.env.NODE_ENV` only when it sees the comparison itself; no `process` at all (a page
 * without a bundler) counts as production.
 */
export function report(error: unknown): void {
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') console.error(error)
}

/** Calls every listener (with `value`): one that throws is reported, and the ones after it still hear of the change. */
export function notify<TValue>(listeners: Iterable<(value: TValue) => void>, value?: TValue): void {
  for (const listener of listeners) {
    try {
      listener(value as TValue)
    } catch (error) {
      report(error)
    }
  }
}
