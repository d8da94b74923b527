import type { Payload } from 'payload'

import { type BuiltResponse, HTML_TYPE, sendPrepared, serveBuilt, servePrepared } from '../delivery'
import { publicPayload } from '../publicPayload'
import { prepareResponse, type PreparedResponse } from '../responseCache'
import { renderServerErrorPage } from './document'

/**
 * How a public page rendered outside Next (an answer, a cancer type, the sitemap) answers: its prepared
 * entry (../delivery.ts), or, when building it fails (the database unreachable, a bug), the site's
 * own 500 page in the site's frame with the informational notice and the public CSP, never stored.
 * Next's own 500 for a route handler is an empty body. A null `key`: a page built for this request
 * only and kept nowhere (a search, `serveBuilt`).
 */
export async function servePublicPage(
  request: Request,
  key: string | null,
  tags: string[],
  build: (payload: Payload) => Promise<BuiltResponse>,
): Promise<Response> {
  let payload: Payload | undefined
  try {
    const run = async () => build((payload = await publicPayload()))
    return await (key === null ? serveBuilt(request, tags, run) : servePrepared(request, key, tags, run))
  } catch (cause) {
    const msg = `Public page ${new URL(request.url).pathname} could not be built`
    // Not Payload's logger when loading Payload is what failed: asking for it again would start it again.
    if (payload) payload.logger.error({ err: cause, msg })
    else console.error(msg, cause)
    return sendPrepared(request, (serverError ??= prepareResponse(500, renderServerErrorPage(), HTML_TYPE)))
  }
}

let serverError: PreparedResponse | undefined
