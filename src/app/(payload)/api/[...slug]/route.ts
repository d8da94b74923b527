import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { refuseKeysOutsideIntake } from '@/lib/apiKeys/refuseKeysOutsideIntake'
import { limitRequestBody } from '@/lib/http/requestBody'

// API keys reach only question intake here (403 anywhere else); see src/lib/apiKeys.
export const GET = refuseKeysOutsideIntake(REST_GET(config))
// Bodies are read within MAX_BODY_BYTES (413 above it) before Payload parses them.
export const POST = refuseKeysOutsideIntake(limitRequestBody(config, REST_POST(config)))
export const DELETE = refuseKeysOutsideIntake(REST_DELETE(config))
export const PATCH = refuseKeysOutsideIntake(limitRequestBody(config, REST_PATCH(config)))
export const PUT = refuseKeysOutsideIntake(limitRequestBody(config, REST_PUT(config)))
export const OPTIONS = REST_OPTIONS(config)
