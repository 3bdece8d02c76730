/** A request to the demo's API from outside the browser (another client, or the test itself). */
export async function api(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, init)
  const body: unknown = await response.json().catch(() => null)
  return { status: response.status, headers: response.headers, body }
}

export const postJson = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(base, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
