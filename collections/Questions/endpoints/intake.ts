import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'
import { z } from 'zod'

import { isImporter } from '@/access/isImporter'
import { authenticateApiKey, requireServiceRole } from '@/lib/apiKeys/authenticate'
import { bearerApiKey } from '@/lib/apiKeys/keys'
import { Unauthorized } from '@/lib/errors'
import { parseBody } from '@/lib/http/requestBody'
import { intakeStatus, takeInQuestions } from '@/lib/questionImport/intake'
import type { ApiKeyPrincipal } from '@/lib/apiKeys/cache'

const EXPECTED = 'Expected a JSON body { "questions": [{ "question": "...", "cancerType": "name or slug" }, ...] }'
const intakeBody = z.object(
  { questions: z.array(z.unknown(), { error: `${EXPECTED}: questions must be a list` }).min(1, 'questions is empty: send at least one.') },
  { error: EXPECTED },
)

/** The importer key of the request: 401 without a valid key, 403 for a key of another role. */
async function importerOf(req: PayloadRequest, action: string): Promise<ApiKeyPrincipal> {
  const key = bearerApiKey(req.headers.get('authorization'))
  if (!key) throw new Unauthorized(`Send an importer API key (Authorization: Bearer ck_...) to ${action}.`)
  const principal = await authenticateApiKey(req.payload, key)
  if (!isImporter(principal)) requireServiceRole(principal, 'importer', action)
  return principal
}

/**
 * Payload's own create for questions (the admin's and editors' POST /api/questions). Payload 3.90.1
 * puts a collection's custom endpoints before its built-in ones and takes the first match on method
 * and path, so the intake endpoint below answers every POST /api/questions and hands those without
 * an API key to this handler, unchanged.
 */
function builtInCreate(req: PayloadRequest): PayloadHandler {
  const builtIn = req.payload.collections.questions?.config.endpoints
  const handler = Array.isArray(builtIn)
    ? builtIn.find((e) => e !== questionIntake && e.method === 'post' && e.path === '/')?.handler
    : undefined
  if (!handler) throw new Error('Payload has no built-in create endpoint for questions')
  return handler
}

/**
 * POST /api/questions: with an importer key (Authorization: Bearer ck_...), question intake (README
 * "Question intake over the API"): 201 with what was created and what was refused, per item index;
 * 200 when every item was refused. Without a key: Payload's ordinary create, exactly as before.
 */
export const questionIntake: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    if (!bearerApiKey(req.headers.get('authorization'))) return builtInCreate(req)(req)
    const principal = await importerOf(req, 'create questions')
    const { questions } = await parseBody(req, intakeBody, { expected: EXPECTED })
    const result = await takeInQuestions(req, principal, questions)
    return Response.json(result, { status: result.created.length > 0 ? 201 : 200 })
  },
}

/** GET /api/questions/intake/:id: the status of a question this importer key sent (404 for any other). */
export const questionIntakeStatus: Endpoint = {
  path: '/intake/:id',
  method: 'get',
  handler: async (req) => {
    const principal = await importerOf(req, 'read the status of the questions it sent')
    return Response.json(await intakeStatus(req, principal, String(req.routeParams?.id ?? '')))
  },
}
