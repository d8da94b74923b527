import type { CollectionConfig } from 'payload'

import { isEditorOrOwnReviewer } from '@/access/isEditorOrOwnReviewer'
import { nobody } from '@/access/nobody'
import { ANSWERS, CLAIM_CHECKS, USERS } from '../slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * A reviewer's "verified" mark on one claim of an answer in review (issue 13, review aid): who, which
 * claim (AnswerClaim.id, which changes when the claim's words or citations change, so an edited claim
 * is unverified again), when. Written only by src/lib/review/markClaim.ts; marks never gate the
 * decision, the approval binds the whole content.
 */
export const ClaimChecks: CollectionConfig = {
  slug: CLAIM_CHECKS,
  labels: { singular: 'Claim check', plural: 'Claim checks' },
  admin: { useAsTitle: 'claimId', defaultColumns: ['answer', 'claimId', 'reviewer', 'verifiedAt'], group: 'Editorial', hidden: true },
  access: { read: isEditorOrOwnReviewer, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  // One mark per reviewer and claim: a double click or a retried request finds the mark already made.
  indexes: [{ fields: ['answer', 'claimId', 'reviewer'], unique: true }],
  fields: [
    { name: 'answer', type: 'relationship', relationTo: ANSWERS, required: true, index: true },
    { name: 'claimId', type: 'text', required: true, maxLength: 64 },
    { name: 'reviewer', type: 'relationship', relationTo: USERS, required: true },
    { name: 'verifiedAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
