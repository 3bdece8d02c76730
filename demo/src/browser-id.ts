const STORAGE_KEY = 'sse-hooks-demo:client'
/** What the server accepts as a client id. */
const VALID = /^[\w-]{1,64}$/

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')

/**
 * This browser's client id, kept in localStorage: every tab puts the same one in its stream URL, so
 * the tabs name one stream and share its connection, and the server's presence follows the browser
 * (its user goes offline when the last tab closes). Not a secret: the session token stays in a header.
 * Without storage (some private modes), the tab gets an id of its own and a connection of its own.
 */
export function browserId(): string {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved !== null && VALID.test(saved)) return saved
    const id = randomId()
    localStorage.setItem(STORAGE_KEY, id)
    return id
  } catch {
    return randomId()
  }
}
