import type { StreamSnapshot } from '../core/types'

const fields = ['status', 'readyState', 'error', 'lastEventId'] as const

/**
 * The snapshot as an object whose getters note which fields a component reads, so it re-renders
 * only when one of those changes (TanStack Query's tracked results work the same way). The getters
 * go on `extra` itself, a fresh object of the caller's.
 */
export function track<TExtra extends object>(
  snapshot: StreamSnapshot,
  read: Set<keyof StreamSnapshot>,
  extra: TExtra,
): StreamSnapshot & TExtra {
  for (const field of fields) {
    Object.defineProperty(extra, field, {
      enumerable: true,
      get() {
        read.add(field)
        return snapshot[field]
      },
    })
  }
  return extra as StreamSnapshot & TExtra
}

/** Whether any field a component read differs between two snapshots. */
export const changed = (read: Set<keyof StreamSnapshot>, prev: StreamSnapshot, next: StreamSnapshot): boolean => {
  for (const field of read) if (prev[field] !== next[field]) return true
  return false
}
