/**
 * The OpenAPI 3.1 document of the public read API (/api/public/v1), served at
 * /api/public/v1/openapi.json. Its schemas are generated from the zod schemas the routes use
 * (src/lib/public/schemas.ts) with zod's own `z.toJSONSchema` (JSON Schema draft 2020-12, the
 * dialect of OpenAPI 3.1), so the document cannot describe another API than the one served.
 * Typed clients are generated from it (`npm run generate:openapi`, README "OpenAPI for the public API").
 */
import { z } from 'zod'

import { ANSWER_LISTS_TAG, CANCER_TYPES_TAG, PUBLIC_TAG } from '../public/cacheTags'
import { BROWSER_CACHE_CONTROL } from '../public/delivery'
import { answerListQuerySchema, answerPathSchema, publicApiSchemas } from '../public/schemas'
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, webhookEventSchema, type WebhookEventType } from '../webhooks/events'

/** Where the API is mounted; the document's `servers` names it relative to the host serving it. */
export const PUBLIC_API_BASE = '/api/public/v1'
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

type JsonObject = { [key: string]: unknown }

/** A component's JSON Schema without the keywords that only a standalone schema carries. */
function componentSchema(schema: JsonObject): JsonObject {
  const rest = { ...schema }
  delete rest.$schema
  delete rest.$id
  return rest
}

function componentSchemas(): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(publicApiSchemas, {
    target: 'draft-2020-12',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
  })
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, componentSchema(schema as JsonObject)]))
}

/**
 * The OpenAPI parameters of one zod object (a query string or a path), described by its fields: as
 * the route reads them (`io: 'output'`), so `page=2` is documented as the integer it is and not as
 * the string of digits the query string carries.
 */
function parameters(shape: Record<string, z.ZodType>, where: 'query' | 'path'): JsonObject[] {
  return Object.entries(shape).map(([name, field]) => {
    const { description, ...schema } = componentSchema(z.toJSONSchema(field, { target: 'draft-2020-12', io: 'output' }) as JsonObject)
    return { name, in: where, required: where === 'path' || !field.safeParse(undefined).success, description, schema }
  })
}

const ref = (kind: 'schemas' | 'responses' | 'headers' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` })
const json = (schemaName: string) => ({ 'application/json': { schema: ref('schemas', schemaName) } })

const tagList = (separator: string) => `^${PUBLIC_TAG}(${separator}[a-z0-9-]+)*$`

/** The headers of a 200 and of a 304 (the same, without a body): what a CDN and a browser cache use. */
const cacheHeaders = {
  ETag: ref('headers', 'ETag'),
  'Cache-Control': ref('headers', 'CacheControl'),
  'CDN-Cache-Control': ref('headers', 'CdnCacheControl'),
  'Surrogate-Control': ref('headers', 'SurrogateControl'),
  'Surrogate-Key': ref('headers', 'SurrogateKey'),
  'Cache-Tag': ref('headers', 'CacheTag'),
  Vary: ref('headers', 'Vary'),
  'Access-Control-Allow-Origin': ref('headers', 'AccessControlAllowOrigin'),
}

const ok = (description: string, schemaName: string) => ({ description, headers: cacheHeaders, content: json(schemaName) })

function operation(args: {
  operationId: string
  summary: string
  description: string
  cacheTags: string[]
  body: string
  errors: number[]
}) {
  const { operationId, summary, description, cacheTags, body, errors } = args
  return {
    operationId,
    summary,
    description,
    tags: ['answers'],
    parameters: [ref('parameters', 'IfNoneMatch')],
    responses: {
      '200': ok(`OK. Cache tags: ${cacheTags.join(', ')}.`, body),
      '304': ref('responses', 'NotModified'),
      ...Object.fromEntries(errors.map((status) => [String(status), ref('responses', ERROR_RESPONSES[status]!)])),
      // Admission (src/lib/public/admission.ts): before any read, on the fast path too.
      '401': ref('responses', 'Unauthorized'),
      '403': ref('responses', 'Forbidden'),
      '429': ref('responses', 'TooManyRequests'),
      '500': ref('responses', 'ServerError'),
    },
  }
}

const ERROR_RESPONSES: Record<number, string> = { 400: 'BadRequest', 404: 'NotFound' }

/** The CORS preflight every public path answers (204; CORS headers only for PUBLIC_SITE_ORIGINS). */
const preflight = (operationId: string) => ({
  operationId,
  summary: 'CORS preflight',
  description: 'Answers 204. A browser on one of the origins in PUBLIC_SITE_ORIGINS gets the CORS headers.',
  tags: ['answers'],
  responses: { '204': ref('responses', 'Preflight') },
})

const errorHeaders = {
  'Cache-Control': { description: 'Errors are never stored.', required: true, schema: { type: 'string', const: 'no-store' } },
  Vary: ref('headers', 'Vary'),
  'Access-Control-Allow-Origin': ref('headers', 'AccessControlAllowOrigin'),
}
const errorResponse = (description: string) => ({ description, headers: errorHeaders, content: json('Error') })

/** OpenAPI 3.1 `webhooks`: what an endpoint registered by an admin receives (README "Webhooks"). */
function webhooks() {
  const receive = (type: WebhookEventType) => ({
    post: {
      operationId: `webhook_${type.replace('.', '_')}`,
      summary: WEBHOOK_EVENT_LABELS[type],
      description: `A POST with \`"type": "${type}"\`, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Any 2xx acknowledges it; anything else is retried with backoff, in order per answer.`,
      tags: ['webhooks'],
      parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
        name,
        in: 'header',
        required: true,
        schema: { type: 'string' },
      })),
      requestBody: { required: true, content: json('WebhookEvent') },
      responses: { '2XX': { description: 'Received. The same webhook-id is never sent again after a 2xx, except by an admin replay.' } },
    },
  })
  return Object.fromEntries(WEBHOOK_EVENTS.map((type) => [type, receive(type)]))
}

/**
 * The document. Built from the schemas on each call (cheap: the route prepares it once). `openapi`
 * is '3.1.0'; the webhooks' events (OpenAPI 3.1 `webhooks`) can be added beside `paths`.
 */
export function openApiDocument() {
  const listQuery = parameters(answerListQuerySchema.shape, 'query')
  const slug = parameters(answerPathSchema.shape, 'path')
  return {
    openapi: '3.1.0' as const,
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    info: {
      title: 'Cancer answers: public read API',
      version: '1.0.0',
      summary: 'Clinician-reviewed answers to patients’ cancer questions: published answers only.',
      description: [
        'Published answers only, in a fixed contract: no field outside the schemas below ever appears.',
        'Every response has an `ETag`; `If-None-Match` with the current ETag answers 304 without a body.',
        'Browsers revalidate every time (`Cache-Control: public, max-age=0, must-revalidate`); a CDN keeps a 200 for',
        '`CDN-Cache-Control`/`Surrogate-Control` and is purged by the tags in `Surrogate-Key` (Fastly) and `Cache-Tag`',
        '(Cloudflare) when an answer is published, revised or withdrawn. Errors are `no-store`.',
        'Browsers on the origins the operator lists in `PUBLIC_SITE_ORIGINS` get CORS headers; other clients need none.',
        'Responses are gzip-compressed when the client accepts it.',
      ].join(' '),
    },
    servers: [{ url: PUBLIC_API_BASE, description: 'This server (relative to the host that serves this document).' }],
    tags: [
      { name: 'answers', description: 'Published answers and cancer types.' },
      { name: 'meta', description: 'This document.' },
      { name: 'webhooks', description: 'Events sent to the endpoints an admin registers.' },
    ],
    // Anonymous, or a "site" API key for the higher rate limit (README "API keys for machine clients").
    security: [{}, { siteKey: [] }],
    webhooks: webhooks(),
    paths: {
      '/answers': {
        get: operation({
          operationId: 'listAnswers',
          summary: 'List or search published answers',
          description:
            'Without `q`, every published answer, newest review first; with `q`, the answers matching every word, best match first. `%`, `_` and `\\` are literal characters.',
          cacheTags: [PUBLIC_TAG, ANSWER_LISTS_TAG],
          body: 'AnswerList',
          errors: [400],
        }),
        options: preflight('preflightAnswers'),
        parameters: listQuery,
      },
      '/answers/{slug}': {
        get: operation({
          operationId: 'getAnswer',
          summary: 'One published answer',
          description: 'An unknown or unpublished slug, or one that cannot be a slug, is a 404.',
          cacheTags: [PUBLIC_TAG, 'answer-{slug}'],
          body: 'Answer',
          errors: [404],
        }),
        options: preflight('preflightAnswer'),
        parameters: slug,
      },
      '/cancer-types': {
        get: operation({
          operationId: 'listCancerTypes',
          summary: 'Cancer types with their number of published answers',
          description: 'Every cancer type, by name, with how many published answers it has.',
          cacheTags: [PUBLIC_TAG, CANCER_TYPES_TAG],
          body: 'CancerTypeList',
          errors: [],
        }),
        options: preflight('preflightCancerTypes'),
      },
      '/openapi.json': {
        get: {
          ...operation({
            operationId: 'getOpenApiDocument',
            summary: 'This document',
            description: 'The OpenAPI 3.1 document of this API, served like every other public response (ETag, 304, CORS).',
            cacheTags: [PUBLIC_TAG],
            body: 'OpenApiDocument',
            errors: [],
          }),
          tags: ['meta'],
        },
        options: { ...preflight('preflightOpenApiDocument'), tags: ['meta'] },
      },
    },
    components: {
      schemas: {
        ...componentSchemas(),
        WebhookEvent: componentSchema(z.toJSONSchema(webhookEventSchema, { target: 'draft-2020-12' }) as JsonObject),
        OpenApiDocument: {
          type: 'object',
          description: 'An OpenAPI 3.1 document (this one).',
          required: ['openapi', 'info', 'paths'],
          properties: { openapi: { type: 'string', const: '3.1.0' } },
        },
      },
      securitySchemes: {
        siteKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A "site" API key (`ck_...`) made by an admin: a higher rate limit per key than an anonymous client gets per address. An unknown or revoked key is a 401, a key of another role a 403.',
        },
      },
      parameters: {
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The ETag of the response you hold: a 304 without a body when it is still current.',
          schema: { type: 'string' },
        },
      },
      headers: {
        ETag: { description: 'A strong validator of the response body.', required: true, schema: { type: 'string', pattern: '^"[^"]+"$' } },
        CacheControl: {
          description: 'Browsers keep nothing without asking (a withdrawn answer is never shown from a browser cache).',
          required: true,
          schema: { type: 'string', const: BROWSER_CACHE_CONTROL },
        },
        CdnCacheControl: {
          description: 'How long a CDN may keep the response (CDN_MAX_AGE seconds): Cloudflare, Akamai.',
          required: true,
          schema: { type: 'string', pattern: '^public, max-age=[0-9]+$' },
        },
        SurrogateControl: {
          description: 'The same for Fastly and Varnish.',
          required: true,
          schema: { type: 'string', pattern: '^max-age=[0-9]+$' },
        },
        SurrogateKey: {
          description: 'Cache tags, space-separated (Fastly purge by key): `public`, `answers`, `cancer-types`, `answer-SLUG`.',
          required: true,
          schema: { type: 'string', pattern: tagList(' ') },
        },
        CacheTag: {
          description: 'The same tags, comma-separated (Cloudflare purge by tag).',
          required: true,
          schema: { type: 'string', pattern: tagList(',') },
        },
        Vary: {
          description: 'The response depends on the Origin (CORS) and Accept-Encoding (gzip).',
          required: true,
          schema: { type: 'string', pattern: 'Origin' },
        },
        AccessControlAllowOrigin: {
          description:
            'The request’s Origin, when it is one of PUBLIC_SITE_ORIGINS (with Access-Control-Expose-Headers: ETag, Surrogate-Key, Cache-Tag, Retry-After).',
          required: false,
          schema: { type: 'string' },
        },
      },
      responses: {
        NotModified: { description: 'Not modified: the If-None-Match ETag is current. No body.', headers: cacheHeaders },
        BadRequest: errorResponse('A query parameter is refused; the message names it.'),
        NotFound: errorResponse('No published answer with this slug.'),
        ServerError: errorResponse('The answers could not be read just now.'),
        Unauthorized: errorResponse('The Bearer key is unknown or revoked.'),
        Forbidden: errorResponse('The Bearer key is not a "site" key (an importer key cannot read the public API).'),
        TooManyRequests: {
          description: 'Over the rate limit: per client address without a key (PUBLIC_API_RATE_LIMIT a minute), per key with one.',
          headers: {
            ...errorHeaders,
            'Retry-After': {
              description: 'Seconds until a request will be admitted.',
              required: true,
              schema: { type: 'string', pattern: '^[0-9]+$' },
            },
          },
          content: json('Error'),
        },
        Preflight: {
          description: 'No content.',
          headers: { 'Access-Control-Allow-Origin': ref('headers', 'AccessControlAllowOrigin') },
        },
      },
    },
  }
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>
