import crypto from 'node:crypto'

import { contentSecurityPolicy } from '@/lib/security/contentSecurityPolicy'
import { cachedResponse, type CachedResponse } from '../responseCache'
import type { PreparedPage } from './answerPage'

type PreparedEntry = CachedResponse & { contentType?: string }

/**
 * INTERIM (issue 15): serves a prepared public page (HTML or XML) from the response cache with its
 * ETag, and the public Content-Security-Policy on HTML, until the "delivery" helper's
 * `servePrepared(request, key, tags, build)` replaces this call one for one (same arguments) and
 * adds the CDN headers.
 */
export async function servePreparedPage(
  request: Request,
  key: string,
  tags: string[],
  build: () => Promise<PreparedPage>,
): Promise<Response> {
  const entry: PreparedEntry = await cachedResponse(key, async () => {
    const page = await build()
    const bytes = Buffer.from(page.body)
    const etag = `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`
    return { status: page.status, bytes, etag, tags, contentType: page.contentType } satisfies PreparedEntry
  })
  const contentType = entry.contentType ?? 'text/html; charset=utf-8'
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'Cache-Control': entry.status === 200 ? 'public, max-age=0, must-revalidate' : 'no-store',
    ETag: entry.etag,
  }
  if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy('public')
  if (entry.status === 200 && request.headers.get('if-none-match') === entry.etag) return new Response(null, { status: 304, headers })
  return new Response(entry.bytes as Uint8Array<ArrayBuffer>, { status: entry.status, headers })
}
