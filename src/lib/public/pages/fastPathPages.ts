import { deliver, HTML_TYPE, installOnFastPath, JSON_TYPE } from '../delivery'
import { prepareResponse } from '../responseCache'
import { renderNotFoundPage, renderServerErrorPage } from './document'

/**
 * Responses the production server (scripts/server.mjs) sends itself where Next would send none of
 * the site's own, installed beside the fast path:
 * - `serverErrorPage`: when a page Next renders fails (every public page is a route handler now, so
 *   this is a safety net for whatever page is added next), Next
 *   answers 500 with a script-only shell that the public policy (`script-src 'none'`) leaves blank;
 *   the server sends this page in its place.
 * - `malformedUrl`: a path whose percent-encoding does not decode (`/answers/%E0%A4%A`) makes Next
 *   fail with a bare 500 before any route runs; the server answers it instead: the API with a 400
 *   that says why, a page with the site's 404 page.
 */
export function installFastPathPages(): void {
  const malformedApi = prepareResponse(
    400,
    JSON.stringify({
      errors: [
        {
          message: 'The address is not valid: it contains a malformed percent-encoding (a % not followed by a valid UTF-8 byte sequence).',
        },
      ],
    }),
    JSON_TYPE,
  )
  const malformedPage = prepareResponse(404, renderNotFoundPage(), HTML_TYPE)
  installOnFastPath({
    serverErrorPage: renderServerErrorPage(),
    malformedUrl: (url: string) => deliver(url.startsWith('/api/') ? malformedApi : malformedPage, {}),
  })
}
