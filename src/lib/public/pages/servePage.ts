import type { Payload } from 'payload'

import { type BuiltResponse, HTML_TYPE, sendPrepared, servePrepared } from '../delivery'
import { publicPayload } from '../publicPayload'
import { prepareResponse } from '../responseCache'
import { renderServerErrorPage } from './document'

/**
 * How a public page rendered outside Next (an answer, a cancer type, the sitemap) answers: its prepared
 * entry (../delivery.ts), or, when building it fails (the database unreachable, a bug), the site's
 * own 500 page in the site's frame with the informational notice and the public CSP, never stored.
 * Next's own 500 for a route handler is an empty body.
 */
export async function servePublicPage(
  request: Request,
  key: string,
  tags: string[],
  build: (payload: Payload) => Promise<BuiltResponse>,
): Promise<Response> {
  try {
    return await servePrepared(request, key, tags, async () => build(await publicPayload()))
  } catch (cause) {
    await logFailure(new URL(request.url).pathname, cause)
    return sendPrepared(request, prepareResponse(500, renderServerErrorPage(), HTML_TYPE))
  }
}

/** Payload's logger when Payload is up; the console when loading Payload is what failed. */
async function logFailure(pathname: string, cause: unknown): Promise<void> {
  const msg = `Public page ${pathname} could not be built`
  try {
    ;(await publicPayload()).logger.error({ err: cause, msg })
  } catch (loadError) {
    console.error(msg, cause, loadError)
  }
}
