/** What the bulk question endpoint answers: a summary line and the questions it refused, with why. */
export type BulkOutcome = { summary: string; refused?: { id: string; reason: string }[] }

/** What every refusal carries (Payload's error format). */
export type ErrorBody = { errors?: { message?: string }[] }

/**
 * POST with the admin's session cookie; resolves to the JSON body and status, errors included.
 * `T` is the success body the caller expects from that endpoint.
 */
export async function postJSON<T extends object = ErrorBody>(
  path: string,
  body?: unknown,
): Promise<{ ok: boolean; status: number; data: T & ErrorBody }> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'include',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  return { ok: response.ok, status: response.status, data }
}

export const errorText = (data: ErrorBody): string => data?.errors?.[0]?.message ?? 'Something went wrong.'
