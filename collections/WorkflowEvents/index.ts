import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { nobody } from '@/access/nobody'
import { ANSWERS, USERS, WORKFLOW_EVENTS } from '../slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * The answer's workflow record: one entry per transition (who, when, from, to, why), written by
 * the workflow (src/lib/workflow/transitions.ts) in the transaction that made the change. Nobody
 * edits or deletes it; the answer's History panel shows it.
 */
export const WorkflowEvents: CollectionConfig = {
  slug: WORKFLOW_EVENTS,
  labels: { singular: 'Workflow event', plural: 'Workflow events' },
  admin: {
    useAsTitle: 'event',
    defaultColumns: ['answer', 'event', 'from', 'to', 'byName', 'createdAt'],
    group: 'Editorial',
    hidden: true,
  },
  access: { read: isEditorOrAdmin, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  fields: [
    { name: 'answer', type: 'relationship', relationTo: ANSWERS, index: true },
    { name: 'event', type: 'text', required: true },
    { name: 'from', type: 'text', required: true },
    { name: 'to', type: 'text', required: true },
    { name: 'why', type: 'textarea' },
    { name: 'by', type: 'relationship', relationTo: USERS },
    { name: 'byName', type: 'text', required: true },
  ],
}
