import { useEffect, useState } from 'react'

/** `Date.now()`, ticking every `ms` while `active` (a countdown on screen), still otherwise. */
export function useNow(active: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = globalThis.setInterval(() => setNow(Date.now()), ms)
    return () => globalThis.clearInterval(timer)
  }, [active, ms])
  return now
}
