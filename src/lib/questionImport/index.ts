import type { PayloadRequest } from 'payload'

import type { Question, QuestionImport } from '@/payload-types'
import { BadRequest } from '@/lib/errors'
import { withTransaction } from '@/lib/transaction'
import { NEW_QUESTION } from '@/lib/workflow/transitions'
import { CANCER_TYPES, QUESTION_IMPORTS, QUESTIONS } from '@collections/slugs'
import { checkRows, questionKey, type CheckContext, type CheckedRow } from './checkRows'
import { parseQuestionCsv, type CsvRow } from './parseCsv'

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, assertImportSize } from './parseCsv'
export type { CheckedRow } from './checkRows'

export type ImportReportRow = QuestionImport['rows'][number]

/** Keys per `in` query: well under SQLite's limit of bound parameters, and a short MongoDB query. */
const KEYS_PER_QUERY = 500

/**
 * Every cancer type, and the questions already asked with the same text as one of the rows: looked
 * up by the questions' indexed duplicate key, so a file costs the same whatever the backlog's size.
 */
export async function loadCheckContext(req: PayloadRequest, rows: CsvRow[]): Promise<CheckContext> {
  const cancerTypes = await req.payload.find({
    collection: CANCER_TYPES,
    select: { name: true, slug: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const keys = [...new Set(rows.map(questionKey).filter((key) => key !== ''))]
  const existingQuestions: CheckContext['existingQuestions'] = []
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    // Every status counts: a question archived or marked duplicate was still asked before.
    const { docs } = await req.payload.find({
      collection: QUESTIONS,
      where: { duplicateKey: { in: keys.slice(start, start + KEYS_PER_QUERY) } },
      select: { text: true, duplicateKey: true },
      sort: 'createdAt',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
    existingQuestions.push(...docs)
  }
  return { cancerTypes: cancerTypes.docs, existingQuestions }
}

/** Parses and checks a file without saving anything. */
export async function previewQuestionImport(req: PayloadRequest, csv: string): Promise<CheckedRow[]> {
  const { rows, headerFieldCount } = parseQuestionCsv(csv)
  return checkRows(rows, headerFieldCount, await loadCheckContext(req, rows))
}

/**
 * Saves the valid rows as new questions and keeps the report, all in one transaction: if any write
 * fails, no question and no report is left behind. The rows are checked again inside the
 * transaction, because the backlog may have changed since the preview.
 */
export async function importQuestions(
  req: PayloadRequest,
  { fileName, csv }: { fileName: string; csv: string },
): Promise<{ report: QuestionImport; rows: ImportReportRow[] }> {
  const { rows, headerFieldCount } = parseQuestionCsv(csv)
  return withTransaction(req, async (tx) => {
    const checked = checkRows(rows, headerFieldCount, await loadCheckContext(tx, rows))
    const valid = checked.filter((row) => row.errors.length === 0)
    if (valid.length === 0) {
      throw new BadRequest(
        `None of the ${checked.length} rows can be imported; nothing was saved. Preview the file to see what is wrong on each line.`,
      )
    }

    const submittedAt = new Date().toISOString()
    const reportRows: ImportReportRow[] = []
    for (const row of checked) {
      if (row.errors.length > 0) {
        reportRows.push({ line: row.line, question: row.question, status: 'rejected', errors: row.errors, questionId: null })
        continue
      }
      // As the person importing: the questions collection's own access and hooks apply to each row.
      const question = await tx.payload.create({
        collection: QUESTIONS,
        data: {
          text: row.question,
          cancerType: row.cancerTypeId as Question['cancerType'],
          priority: row.priority as Question['priority'],
          origin: row.origin as Question['origin'],
          ...NEW_QUESTION,
          submittedAt,
        },
        overrideAccess: false,
        depth: 0,
        req: tx,
      })
      reportRows.push({ line: row.line, question: row.question, status: 'imported', errors: [], questionId: question.id })
    }

    const imported = reportRows.filter((row) => row.status === 'imported').length
    const report = await tx.payload.create({
      collection: QUESTION_IMPORTS,
      data: {
        fileName,
        importedBy: tx.user?.id,
        totalRows: reportRows.length,
        importedCount: imported,
        rejectedCount: reportRows.length - imported,
        rows: reportRows,
      },
      // Nobody creates reports over the API; only this import writes them.
      overrideAccess: true,
      depth: 0,
      req: tx,
    })
    return { report, rows: reportRows }
  })
}
