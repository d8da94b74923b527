import type { PayloadRequest } from 'payload'

import type { Question } from '@/payload-types'
import type { ApiKeyPrincipal } from '@/lib/apiKeys/cache'
import { NotFound, PayloadTooLarge } from '@/lib/errors'
import { validDocumentId } from '@/lib/http/params'
import type { Id } from '@/lib/relationId'
import { withTransaction } from '@/lib/transaction'
import { withRetryAfter } from '@/lib/auth/signInThrottle'
import { NEW_QUESTION } from '@/lib/workflow/transitions'
import { QUESTIONS } from '@collections/slugs'
import { checkRows, type CheckWording } from './checkRows'
import { loadCheckContext } from './index'
import { reserveIntake } from './intakeLimit'
import type { CsvRow, ImportColumn } from './parseCsv'

/** Items per request: more is refused with 413 (send them in several requests). */
export const MAX_INTAKE_ITEMS = 500

export type IntakeCreated = { index: number; id: Id; status: Question['status']; question: string }
export type IntakeRefused = { index: number; reason: string; reasons: string[]; question?: string }
export type IntakeResult = { created: IntakeCreated[]; refused: IntakeRefused[] }

const WORDING: CheckWording = { earlier: (index) => `item ${index} in this request`, quoteExisting: false }
const COLUMNS: ImportColumn[] = ['question', 'cancerType', 'priority', 'origin']
const ITEM_SHAPE = 'Each item must be an object { "question": "...", "cancerType": "name or slug", "priority"?: "...", "origin"?: "..." }.'

/** An item as a CSV row, or the reason it cannot be one (not an object, a value that is not text). */
function asRow(item: unknown, index: number): CsvRow | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return ITEM_SHAPE
  const values = {} as Record<ImportColumn, string>
  for (const column of COLUMNS) {
    const value = (item as Record<string, unknown>)[column]
    if (value !== undefined && value !== null && typeof value !== 'string') return `${column} must be text.`
    values[column] = value ?? ''
  }
  return { line: index, values, misaligned: false, fieldCount: COLUMNS.length }
}

export function assertIntakeSize(items: unknown[]): void {
  if (items.length > MAX_INTAKE_ITEMS)
    throw new PayloadTooLarge(
      `At most ${MAX_INTAKE_ITEMS} questions per request (this one has ${items.length}). Send them in several requests.`,
    )
}

/**
 * Question intake by an importer key (README "Question intake over the API"): every item is checked
 * with the CSV import's rules (src/lib/questionImport/checkRows.ts: text length, cancer type, priority,
 * origin, duplicates of existing questions and of earlier items), and the valid ones are saved as new
 * questions naming the key, in one transaction, rechecked inside it. Refused items are reported by
 * their index in the request, with every reason. Each key creates at most QUESTION_INTAKE_RATE_LIMIT
 * questions an hour (intakeLimit.ts); a request that does not fit is a 429 and nothing is checked.
 */
export async function takeInQuestions(req: PayloadRequest, principal: ApiKeyPrincipal, items: unknown[]): Promise<IntakeResult> {
  assertIntakeSize(items)
  const reservation = await withRetryAfter(req, () => reserveIntake(principal, items.length))
  let created = 0
  try {
    const result = await saveIntake(req, principal, items)
    created = result.created.length
    return result
  } finally {
    await reservation.release(items.length - created)
  }
}

function saveIntake(req: PayloadRequest, principal: ApiKeyPrincipal, items: unknown[]): Promise<IntakeResult> {
  return withTransaction(req, async (tx) => {
    const refused: IntakeRefused[] = []
    const rows: CsvRow[] = []
    items.forEach((item, index) => {
      const row = asRow(item, index)
      if (typeof row === 'string') refused.push({ index, reason: row, reasons: [row] })
      else rows.push(row)
    })
    const checked = checkRows(rows, COLUMNS.length, await loadCheckContext(tx, rows), WORDING)
    const created: IntakeCreated[] = []
    const submittedAt = new Date().toISOString()
    for (const row of checked) {
      if (row.errors.length > 0) {
        refused.push({ index: row.line, reason: row.errors.join(' '), reasons: row.errors, question: row.question })
        continue
      }
      // The key was checked by the endpoint; keys are not users, so no user-based access applies here.
      const question = await tx.payload.create({
        collection: QUESTIONS,
        data: {
          text: row.question,
          cancerType: row.cancerTypeId as Question['cancerType'],
          priority: row.priority as Question['priority'],
          origin: row.origin as Question['origin'],
          ...NEW_QUESTION,
          submittedAt,
          intakeKey: principal.id as Question['intakeKey'],
        },
        overrideAccess: true,
        depth: 0,
        req: tx,
      })
      created.push({ index: row.line, id: question.id, status: question.status, question: question.text })
    }
    refused.sort((a, b) => a.index - b.index)
    return { created, refused }
  })
}

export type IntakeStatus = { id: Id; question: string; status: Question['status']; submittedAt: string; updatedAt: string }

/** The status of a question this key sent; 404 for any other question, without saying whether it exists. */
export async function intakeStatus(req: PayloadRequest, principal: ApiKeyPrincipal, id: string): Promise<IntakeStatus> {
  const notFound = new NotFound(`No question ${id.slice(0, 40)} sent with this API key.`)
  const questionId = validDocumentId(req.payload.db.defaultIDType, id)
  if (questionId === undefined) throw notFound
  const { docs } = await req.payload.find({
    collection: QUESTIONS,
    where: { and: [{ id: { equals: questionId } }, { intakeKey: { equals: principal.id } }] },
    select: { text: true, status: true, submittedAt: true, updatedAt: true },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const doc = docs[0]
  if (!doc) throw notFound
  return { id: doc.id, question: doc.text, status: doc.status, submittedAt: doc.submittedAt, updatedAt: doc.updatedAt }
}
