import { addDataAndFileToRequest, APIError, type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { BadRequest } from '@/lib/errors'
import { requireEditor } from './draftQuestions'
import { assertImportSize, importQuestions, MAX_IMPORT_BYTES, previewQuestionImport } from '@/lib/questionImport'

/**
 * Escaping in JSON can at most double a CSV's size in practice; anything far beyond that cannot hold
 * a file under the limit, so it is refused before the body is read.
 */
const MAX_BODY_BYTES = 4 * MAX_IMPORT_BYTES
const DEFAULT_FILE_NAME = 'pasted.csv'

const EXPECTED = 'Expected a JSON body { "fileName": "questions.csv", "csv": "the text of the CSV file" }'

const importBody = z.object(
  {
    fileName: z
      .string({ error: 'fileName must be text, e.g. "questions.csv".' })
      .trim()
      .max(255, 'fileName must be at most 255 characters.')
      .optional(),
    csv: z
      .string({ error: (issue) => (issue.input === undefined ? 'csv is missing: send the text of the CSV file.' : 'csv must be the text of the CSV file (a string).') })
      .refine((csv) => csv.trim() !== '', 'csv is empty: send the text of the CSV file.'),
  },
  { error: EXPECTED },
)

async function readImportBody(req: PayloadRequest): Promise<{ fileName: string; csv: string }> {
  const declaredLength = Number(req.headers.get('content-length') ?? 0)
  if (declaredLength > MAX_BODY_BYTES) throw new BadRequest('The CSV is too large: at most 1 MB (1,024 KB) can be imported at once. Split it into smaller files.')
  await addDataAndFileToRequest(req)
  const parsed = importBody.safeParse(req.data)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => issue.message).filter((message) => message !== EXPECTED)
    throw new BadRequest(issues.length > 0 ? `${EXPECTED}: ${issues.join('; ')}` : `${EXPECTED}.`)
  }
  assertImportSize(parsed.data.csv)
  return { fileName: parsed.data.fileName || DEFAULT_FILE_NAME, csv: parsed.data.csv }
}

/** POST /api/questions/import/preview: every row with what is wrong with it. Saves nothing. */
export const previewQuestionImportEndpoint: Endpoint = {
  path: '/import/preview',
  method: 'post',
  handler: async (req) => {
    requireEditor(req, 'import questions')
    const { csv } = await readImportBody(req)
    const rows = await previewQuestionImport(req, csv)
    const invalid = rows.filter((row) => row.errors.length > 0).length
    return Response.json({ rows, valid: rows.length - invalid, invalid })
  },
}

/**
 * POST /api/questions/import: saves the valid rows and the report in one transaction (201), or
 * nothing when no row is valid (400).
 */
export const importQuestionsEndpoint: Endpoint = {
  path: '/import',
  method: 'post',
  handler: async (req) => {
    requireEditor(req, 'import questions')
    const body = await readImportBody(req)
    const { report, rows } = await importQuestions(req, body)
    return Response.json({ importId: report.id, imported: report.importedCount, rejected: report.rejectedCount, rows }, { status: 201 })
  },
}
