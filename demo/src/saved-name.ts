const STORAGE_KEY = 'sse-hooks-demo:username'

/** The name this browser last joined under, or '' (also when storage is unavailable). */
export function savedName(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return ''
  }
}

export function saveName(username: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, username)
  } catch {
    // Private mode: the name is simply not remembered.
  }
}

/**
 * Calls `listener` with the name another tab of this browser just joined under. The server knows
 * the browser as one user (its tabs share one client id), so every tab follows the latest join.
 */
export function watchNameFromOtherTabs(listener: (username: string) => void): () => void {
  const onStorage = (event: StorageEvent) => {
    // Only a successful join stores a name, so it is one the server accepted.
    if (event.key === STORAGE_KEY && event.newValue) listener(event.newValue)
  }
  window.addEventListener('storage', onStorage)
  return () => window.removeEventListener('storage', onStorage)
}
