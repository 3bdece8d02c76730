import type { ApiError } from '../shared/protocol'

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string }

/** POSTs JSON and turns every failure (network, 4xx, 5xx) into a message a person can read. */
export async function postJson<T>(path: string, body: unknown): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch {
    return { ok: false, status: 0, message: 'The server is unreachable. Try again in a moment.' }
  }
  const payload: unknown = await response.json().catch(() => null)
  if (response.ok) return { ok: true, data: payload as T }
  const message = (payload as Partial<ApiError> | null)?.message ?? `The server answered ${response.status}.`
  return { ok: false, status: response.status, message }
}
