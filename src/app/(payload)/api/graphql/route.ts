import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { refuseKeysOutsideIntake } from '@/lib/apiKeys/refuseKeysOutsideIntake'
import { limitAnonymousGraphQL } from '@/lib/http/anonymousReads'
import { answerRefusals, limitRequestBody } from '@/lib/http/requestBody'

// API keys never reach GraphQL (403); see src/lib/apiKeys.
// Bodies are read within MAX_BODY_BYTES (413 above it) before Payload parses them; a malformed one is
// a 400 with a message.
// An anonymous query counts against the per-address read limit and pages by at most 100.
export const POST = refuseKeysOutsideIntake(limitRequestBody(config, limitAnonymousGraphQL(config, answerRefusals(GRAPHQL_POST(config)))))
export const OPTIONS = REST_OPTIONS(config)
