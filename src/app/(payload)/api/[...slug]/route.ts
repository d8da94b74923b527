import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { limitRequestBody } from '@/lib/http/requestBody'

export const GET = REST_GET(config)
// Bodies are read within MAX_BODY_BYTES (413 above it) before Payload parses them.
export const POST = limitRequestBody(config, REST_POST(config))
export const DELETE = REST_DELETE(config)
export const PATCH = limitRequestBody(config, REST_PATCH(config))
export const PUT = limitRequestBody(config, REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
