/**
 * The contract of the public read API (/api/public/v1), as zod schemas: the ONE definition of what
 * the API takes and returns. The TypeScript types of what readApi serves are inferred from these
 * (z.infer), the list's query string is parsed with `answerListQuerySchema`, and the OpenAPI document
 * (src/lib/openapi) is generated from them, so the three cannot drift apart. Responses are not parsed
 * at run time (they are prepared once, see ./delivery.ts); tests/e2e/openapi.test.ts checks the
 * production server's real responses against the document.
 *
 * Objects are strict in the document (`additionalProperties: false`, every field required): a field
 * added to a response without being added here fails the e2e check. Only the Lexical JSON of `body`
 * is open, as Lexical nodes carry their own properties.
 */
import { z } from 'zod'

import { wholeNumberParam } from '../http/wholeNumberParam'

/** The schemas that become `components.schemas` in the OpenAPI document, by name. */
export const publicApiSchemas = z.registry<{ id: string; description?: string }>()

const SLUG = /^[a-z0-9-]{1,100}$/

/** A slug as the public API accepts one in a path or a query (an answer's or a cancer type's). */
export const slugPattern = SLUG

/** Timestamps are ISO 8601 in UTC, as `Date.toISOString()` writes them. */
const timestamp = (description: string) => z.iso.datetime().describe(description)

const referenceNumbers = (description: string) => z.array(z.number().int().min(1)).describe(description)

export const cancerTypeRefSchema = z
  .object({
    slug: z.string().describe('The cancer type\'s slug, e.g. "pancreatic".'),
    name: z.string().describe('Its name as patients read it, e.g. "Pancreatic cancer".'),
  })
  .register(publicApiSchemas, { id: 'CancerTypeRef', description: 'The cancer type an answer is about.' })

export const publicReferenceSchema = z
  .object({
    n: z.number().int().min(1).describe('The reference number, by first appearance (the direct answer first, then the body).'),
    publisher: z.string().describe('The guideline publisher, e.g. "NCCN".'),
    title: z.string(),
    version: z.string().describe('The guideline version the passage is from.'),
    url: z.string().describe('Link to the guideline.'),
    passageId: z.string().describe('The cited passage within the guideline.'),
    passageHeading: z.string().describe('The heading of the cited passage.'),
  })
  .register(publicApiSchemas, { id: 'Reference', description: 'One cited guideline passage, numbered.' })

export const publicClaimSchema = z
  .object({
    part: z.string().describe('"direct answer", or the body heading the claim is under.'),
    text: z.string().describe('The sentence or list item.'),
    references: referenceNumbers('The numbers of the references that support it ([] for an uncited claim).'),
  })
  .register(publicApiSchemas, { id: 'Claim', description: 'One sentence or list item of the answer with its references.' })

export const publicNoticeSchema = z
  .object({
    kind: z.enum(['evidence_changed', 'review_overdue']),
    since: timestamp('When the condition began.'),
    message: z.string().describe('What patients read above the answer.'),
  })
  .register(publicApiSchemas, {
    id: 'Notice',
    description: "A cited source changed and the answer is under clinical review, or the answer's review is overdue.",
  })

/**
 * Lexical's editor state, as Payload types it (`Answer['body']`): the root node is described, the
 * nodes inside it stay open (each Lexical node type has its own properties). A citation node is
 * `{"type":"inlineBlock","fields":{"blockType":"cite","reference":N}}`.
 */
const lexicalNodeSchema = z.looseObject({ type: z.string(), version: z.number() })
export const lexicalBodySchema = z
  .looseObject({
    root: z.looseObject({
      type: z.string(),
      children: z.array(lexicalNodeSchema),
      direction: z.enum(['ltr', 'rtl']).nullable(),
      format: z.enum(['left', 'start', 'center', 'right', 'end', 'justify', '']),
      indent: z.number(),
      version: z.number(),
    }),
  })
  .nullable()
  .register(publicApiSchemas, {
    id: 'LexicalBody',
    description:
      'The body as Lexical JSON (null when empty). A citation node is {"type":"inlineBlock","fields":{"blockType":"cite","reference":N}}.',
  })

export const publicAnswerSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    question: z.string().describe("The patient's question."),
    cancerType: cancerTypeRefSchema,
    summary: z.string().describe('The short, direct answer.'),
    summaryReferences: referenceNumbers("The direct answer's reference numbers."),
    body: lexicalBodySchema,
    bodyHtml: z
      .string()
      .describe('The body as sanitized HTML; each citation is <sup class="cite"><a href="#ref-N" aria-label="Reference N">[N]</a></sup>.'),
    claims: z.array(publicClaimSchema).describe('Every sentence or list item, part by part, with its reference numbers.'),
    references: z.array(publicReferenceSchema).describe('The numbered reference list.'),
    questionsToAsk: z.array(z.object({ question: z.string(), why: z.string() })),
    keyTakeaway: z.string(),
    sources: z
      .array(z.object({ publisher: z.string(), title: z.string(), version: z.string(), url: z.string() }))
      .describe('Each cited guideline once (kept for clients written before `references`).'),
    reviewedBy: z.array(z.object({ name: z.string(), credentials: z.string() })).describe('The clinicians who approved this version.'),
    publishedAt: timestamp('When the answer was first published.'),
    lastReviewedAt: timestamp('When this version was approved.'),
    nextReviewDue: timestamp('When its next clinical review is due.'),
    notice: publicNoticeSchema.nullable().describe('What patients are told beside the content; null when there is nothing to say.'),
    disclosure: z.string().describe('How the answer was written and who reviewed it.'),
    disclaimer: z.string(),
  })
  .register(publicApiSchemas, { id: 'Answer', description: 'One published answer, in full.' })

export const publicListItemSchema = publicAnswerSchema
  .pick({ slug: true, title: true, cancerType: true, summary: true, lastReviewedAt: true })
  .register(publicApiSchemas, { id: 'AnswerListItem', description: 'A published answer in list form.' })

export const publicListSchema = z
  .object({
    docs: z.array(publicListItemSchema),
    totalDocs: z.number().int().min(0).describe('How many answers match, on every page.'),
    page: z.number().int().min(1),
    totalPages: z.number().int().min(0),
  })
  .register(publicApiSchemas, { id: 'AnswerList', description: 'One page of published answers.' })

export const publicCancerTypeSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    answerCount: z.number().int().min(0).describe('How many published answers it has.'),
  })
  .register(publicApiSchemas, { id: 'CancerType', description: 'A cancer type with its number of published answers.' })

export const publicCancerTypesSchema = z
  .array(publicCancerTypeSchema)
  .register(publicApiSchemas, { id: 'CancerTypeList', description: 'Every cancer type, by name.' })

export const publicErrorSchema = z
  .object({ errors: z.array(z.object({ message: z.string().describe('What is wrong, for a person to read.') })).min(1) })
  .register(publicApiSchemas, { id: 'Error', description: 'A refusal (400, 404) or failure (500).' })

/** The query string of GET /answers. A refused value is a 400 naming the parameter. */
export const answerListQuerySchema = z.object({
  page: wholeNumberParam('page must be a whole number from 1').default(1).describe('The page, from 1.'),
  limit: wholeNumberParam('limit must be a whole number from 1 (at most 100 are returned)')
    .default(20)
    .describe('Answers per page; more than 100 returns 100.'),
  q: z
    .string()
    .trim()
    .max(200, 'q must be at most 200 characters')
    .optional()
    .describe(
      'Search words: every word must match a title, question, summary or body (by stem, prefix or with a typo); best match first. Without it, newest review first.',
    ),
  cancerType: z
    .string()
    .trim()
    .regex(SLUG, 'cancerType must be a cancer type slug such as "pancreatic"')
    .optional()
    .describe('Only answers about this cancer type (its slug).'),
})

/** The path of GET /answers/{slug}. A slug that cannot exist is a 404 like an unknown one. */
export const answerPathSchema = z.object({
  slug: z.string().regex(SLUG).describe("The answer's slug."),
})

export type PublicAnswer = z.infer<typeof publicAnswerSchema>
export type PublicNotice = z.infer<typeof publicNoticeSchema>
export type PublicReference = z.infer<typeof publicReferenceSchema>
export type PublicClaim = z.infer<typeof publicClaimSchema>
export type PublicListItem = z.infer<typeof publicListItemSchema>
export type PublicList = z.infer<typeof publicListSchema>
export type PublicCancerType = z.infer<typeof publicCancerTypeSchema>
export type PublicError = z.infer<typeof publicErrorSchema>
export type AnswerListQuery = z.infer<typeof answerListQuerySchema>
