import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import { getPayload } from 'payload'

import { refuseKeysOutsideIntake } from '@/lib/apiKeys/refuseKeysOutsideIntake'
import { refuseMalformedQueryJson } from '@/lib/http/queryJson'
import { limitRequestBody } from '@/lib/http/requestBody'

// API keys reach only question intake here (403 anywhere else); see src/lib/apiKeys. A query's
// malformed JSON `where` or `data` is a 400 (src/lib/http/queryJson.ts), logged as Payload logs refusals.
const refuseBadQuery = <Args extends unknown[]>(handler: (request: Request, ...args: Args) => Promise<Response>) =>
  refuseMalformedQueryJson(handler, (message) => void getPayload({ config }).then((payload) => payload.logger.info(message)))

export const GET = refuseKeysOutsideIntake(refuseBadQuery(REST_GET(config)))
// Bodies are read within MAX_BODY_BYTES (413 above it) before Payload parses them.
export const POST = refuseKeysOutsideIntake(limitRequestBody(config, refuseBadQuery(REST_POST(config))))
export const DELETE = refuseKeysOutsideIntake(refuseBadQuery(REST_DELETE(config)))
export const PATCH = refuseKeysOutsideIntake(limitRequestBody(config, refuseBadQuery(REST_PATCH(config))))
export const PUT = refuseKeysOutsideIntake(limitRequestBody(config, refuseBadQuery(REST_PUT(config))))
export const OPTIONS = REST_OPTIONS(config)
