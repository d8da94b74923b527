/** POST with the admin's session cookie; resolves to the JSON body and status, errors included. */
export async function postJSON(path: string, body?: unknown): Promise<{ ok: boolean; status: number; data: any }> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'include',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  return { ok: response.ok, status: response.status, data }
}

export const errorText = (data: any): string => data?.errors?.[0]?.message ?? 'Something went wrong.'
