import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { nobody } from '@/access/nobody'
import { QUESTION_IMPORTS, USERS } from './slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * The kept report of each CSV import of questions: who imported which file, and what happened to
 * every row (imported, with the new question's id, or rejected, with the reasons). Written only by
 * POST /api/questions/import, in the same transaction as the questions it reports on.
 */
export const QuestionImports: CollectionConfig = {
  slug: QUESTION_IMPORTS,
  labels: { singular: 'Question import', plural: 'Question imports' },
  admin: {
    useAsTitle: 'fileName',
    defaultColumns: ['fileName', 'importedBy', 'importedCount', 'rejectedCount', 'createdAt'],
    group: 'Editorial',
    description: 'Reports of CSV imports of questions. Import a file from the Import questions view.',
  },
  access: { read: isEditorOrAdmin, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  fields: [
    { name: 'fileName', type: 'text', required: true, maxLength: 255, admin: { readOnly: true } },
    // Not required: the report outlives the account of the person who imported.
    { name: 'importedBy', type: 'relationship', relationTo: USERS, index: true, admin: { readOnly: true } },
    { name: 'totalRows', type: 'number', required: true, admin: { readOnly: true } },
    { name: 'importedCount', type: 'number', required: true, admin: { readOnly: true } },
    { name: 'rejectedCount', type: 'number', required: true, admin: { readOnly: true } },
    {
      name: 'rows',
      type: 'json',
      required: true,
      admin: {
        readOnly: true,
        description: 'Each row of the file: its line, the question, imported or rejected, the reasons, and the new question id.',
      },
      typescriptSchema: [
        () => ({
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['line', 'question', 'status', 'errors', 'questionId'],
            properties: {
              line: { type: 'number' },
              question: { type: 'string' },
              status: { type: 'string', enum: ['imported', 'rejected'] },
              errors: { type: 'array', items: { type: 'string' } },
              questionId: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }] },
            },
          },
        }),
      ],
    },
  ],
}
