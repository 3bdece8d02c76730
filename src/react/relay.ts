import { useInsertionEffect, useRef, useState } from 'react'

/**
 * A function that stays the same across renders and calls the newest `callback`, or `undefined`
 * without one: what a component hands to a stream that outlives its render, so an inline callback
 * neither goes stale nor counts as a new one.
 */
export function useRelay<TArgs extends unknown[]>(
  callback: ((...args: TArgs) => void) | undefined,
): ((...args: TArgs) => void) | undefined {
  const latest = useRef(callback)
  useInsertionEffect(() => {
    latest.current = callback
  })
  const [relay] = useState(
    () =>
      (...args: TArgs) =>
        latest.current?.(...args),
  )
  return callback ? relay : undefined
}
