import type { CollectionConfig } from 'payload'

import { isEditorOrOwnReviewer } from '@/access/isEditorOrOwnReviewer'
import { isReviewer } from '@/access/isReviewer'
import { nobody } from '@/access/nobody'
import { ANSWERS, APPROVALS, GUIDELINE_SOURCES, USERS } from '../slugs'
import { applyDecision } from './hooks/applyDecision'
import { bindApprovalToContent } from './hooks/bindApprovalToContent'
import { ATTESTATION_STATEMENT, DECISIONS } from './constants'
import { refuseDeletes, refuseUpdates } from './hooks/refuseChanges'
import { verifyRelationsExist } from '@hooks/verifyRelationsExist'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { rejectWrongTypes } from '@hooks/rejectWrongTypes'

/**
 * A reviewer's decision on one exact version of an answer. Immutable: access forbids updates and
 * deletes, and hooks refuse them even for server code that overrides access.
 */
export const Approvals: CollectionConfig = {
  slug: APPROVALS,
  labels: { singular: 'Review decision', plural: 'Review decisions' },
  admin: {
    useAsTitle: 'decision',
    defaultColumns: ['answer', 'decision', 'reviewer', 'createdAt'],
    group: 'Editorial',
  },
  access: {
    create: isReviewer,
    read: isEditorOrOwnReviewer,
    update: nobody,
    delete: nobody,
  },
  hooks: {
    beforeOperation: [rejectMalformedId, rejectWrongTypes],
    beforeChange: [refuseUpdates, verifyRelationsExist, bindApprovalToContent],
    afterChange: [applyDecision],
    beforeDelete: [refuseDeletes],
  },
  fields: [
    { name: 'answer', type: 'relationship', relationTo: ANSWERS, required: true, index: true },
    { name: 'decision', type: 'select', required: true, options: [...DECISIONS] },
    { name: 'comment', type: 'textarea', maxLength: 5000 },
    {
      name: 'attestation',
      type: 'checkbox',
      defaultValue: false,
      label: ATTESTATION_STATEMENT,
      admin: { description: 'Required to approve.' },
    },
    {
      name: 'contentHash',
      type: 'text',
      index: true,
      admin: {
        description:
          'Set by the server to the hash of the content reviewed. A client may send the hash it reviewed; a stale one is refused.',
        readOnly: true,
      },
    },
    {
      name: 'evidence',
      type: 'array',
      admin: {
        readOnly: true,
        description:
          'Set by the server: each passage the answer cited when this decision was made, its source version and a hash of its text.',
      },
      fields: [
        { name: 'source', type: 'relationship', relationTo: GUIDELINE_SOURCES },
        { name: 'passageId', type: 'text' },
        { name: 'version', type: 'text' },
        { name: 'textHash', type: 'text' },
      ],
    },
    { name: 'reviewer', type: 'relationship', relationTo: USERS, index: true, admin: { readOnly: true } },
    { name: 'attestationStatement', type: 'text', admin: { readOnly: true } },
    {
      name: 'reviewCycle',
      type: 'number',
      index: true,
      admin: { readOnly: true, description: "Set by the server: the answer's review cycle this decision belongs to." },
    },
  ],
}
