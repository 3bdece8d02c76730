import type { ApiError } from '../shared/protocol'

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string }

/** POSTs JSON and turns every failure (network, 4xx, 5xx) into a message a person can read. */
export async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
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

/** POSTs JSON with the session's token; when the server refuses the token, renews it once and tries again. */
export async function postAsUser<T>(
  path: string,
  body: unknown,
  session: { current(): Promise<string | undefined>; renew(): Promise<string | undefined> },
): Promise<ApiResult<T>> {
  const send = (token: string | undefined) => postJson<T>(path, body, token === undefined ? {} : { Authorization: `Bearer ${token}` })
  const first = await send(await session.current())
  if (first.ok || first.status !== 401) return first
  return send(await session.renew())
}
