import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireEditor } from '@/access/requireRole'
import { parseBody } from '@/lib/http/requestBody'
import { assertImportSize, importQuestions, previewQuestionImport } from '@/lib/questionImport'

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
      .string({
        error: (issue) =>
          issue.input === undefined ? 'csv is missing: send the text of the CSV file.' : 'csv must be the text of the CSV file (a string).',
      })
      .refine((csv) => csv.trim() !== '', 'csv is empty: send the text of the CSV file.'),
  },
  { error: EXPECTED },
)

async function readImportBody(req: PayloadRequest): Promise<{ fileName: string; csv: string }> {
  // Within the import body limit (413 above it, checked while the body streams in); the CSV's own
  // 1 MB limit is checked on its text.
  const { fileName, csv } = await parseBody(req, importBody, { expected: EXPECTED })
  assertImportSize(csv)
  return { fileName: fileName || DEFAULT_FILE_NAME, csv }
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
