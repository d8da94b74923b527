import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { limitRequestBody } from '@/lib/http/requestBody'

// Bodies are read within MAX_BODY_BYTES (413 above it) before Payload parses them.
export const POST = limitRequestBody(config, GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
