/** UTF-8 byte length, without allocating a buffer per event. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

export const formatBytes = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`)

/** `12:03:04.567` in the viewer's time zone. */
export function formatTime(at: number): string {
  const date = new Date(at)
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** `3.2 s`, `1 min 5 s`: how long until (or since) a moment. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

/** A payload as formatted JSON, or the reason it is not JSON. */
export function parsePayload(data: string): { readonly json?: string; readonly error?: string } {
  try {
    return { json: JSON.stringify(JSON.parse(data), null, 2) }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** What a stream's sharing key says: its URL, a transport label and the credentials mode. */
export function describeKey(key: string): { readonly url: string; readonly transport: string; readonly withCredentials: boolean } {
  try {
    const [url, transport, withCredentials] = JSON.parse(key) as [string, string, boolean]
    return { url, transport, withCredentials }
  } catch {
    return { url: key, transport: '', withCredentials: false }
  }
}

/** `EventSource`, `fetch GET`, `cross-tab · fetch POST`, or a custom transport's own key. */
export function transportLabel(transportKey: string): string {
  if (transportKey.startsWith('cross-tab ')) return `cross-tab · ${transportLabel(transportKey.slice(10))}`
  if (transportKey.startsWith('eventsource')) return 'EventSource'
  if (transportKey.startsWith('fetch:')) {
    try {
      const [method] = JSON.parse(transportKey.slice(6)) as [string]
      return `fetch ${method}`
    } catch {
      return 'fetch'
    }
  }
  return transportKey || 'custom'
}
