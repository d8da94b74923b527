import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { isAdmin } from '@/access/isAdmin'
import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { validateWholeNumber } from '../shared/wholeNumber'
import { CANCER_TYPES } from '../slugs'
import { slugField } from '../shared/slugField'
import { preventDeletingReferencedCancerType } from './hooks/preventDeletingReferencedCancerType'
import { keepNameInReview } from './hooks/keepNameInReview'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { rejectWrongTypes } from '@hooks/rejectWrongTypes'
import { refreshAfterCancerTypeChange, refreshAfterCancerTypeDelete } from '@hooks/refreshPublicReads'

export const CancerTypes: CollectionConfig = {
  slug: CANCER_TYPES,
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug', 'reviewIntervalMonths'], group: 'Content' },
  access: {
    read: anyone,
    create: isEditorOrAdmin,
    update: isEditorOrAdmin,
    delete: isAdmin,
  },
  hooks: {
    beforeOperation: [rejectMalformedId, rejectWrongTypes],
    beforeChange: [keepNameInReview],
    beforeDelete: [preventDeletingReferencedCancerType],
    afterChange: [refreshAfterCancerTypeChange],
    afterDelete: [refreshAfterCancerTypeDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, minLength: 2, maxLength: 80 },
    slugField('name', 'cancer-type'),
    {
      name: 'reviewIntervalMonths',
      type: 'number',
      validate: validateWholeNumber,
      required: true,
      min: 1,
      max: 36,
      defaultValue: 12,
      admin: { description: 'Published answers about this cancer type are due for re-review after this many months.' },
    },
    // The lifecycle policy of live answers (README "Live answers: notices, withdrawal, review due dates, overdue reviews").
    {
      type: 'collapsible',
      label: 'Live answers policy',
      fields: [
        {
          name: 'evidenceNoticeDays',
          type: 'number',
          validate: validateWholeNumber,
          min: 0,
          max: 180,
          defaultValue: 14,
          access: { create: isAdmin, update: isAdmin },
          admin: {
            description:
              'When a cited guideline passage changes, the live answer stays online with a dated notice ("Sources updated on DATE; under clinical review") for this many days, then is withdrawn unless re-approved. 0 withdraws at once. A change saved as a safety correction always withdraws at once.',
          },
        },
        {
          name: 'reviewLeadDays',
          type: 'number',
          validate: validateWholeNumber,
          min: 0,
          max: 180,
          defaultValue: 30,
          access: { create: isAdmin, update: isAdmin },
          admin: {
            description: 'A published answer is sent to a reviewer for its periodic review this many days before its review is due.',
          },
        },
        {
          name: 'overduePolicy',
          type: 'select',
          defaultValue: 'notice',
          options: [
            { label: 'Stay live with a public "Review overdue" notice', value: 'notice' },
            { label: 'Withdraw the answer', value: 'withdraw' },
          ],
          access: { create: isAdmin, update: isAdmin },
          admin: { description: 'What happens to a live answer whose review is overdue, once the grace period below has passed.' },
        },
        {
          name: 'overdueGraceDays',
          type: 'number',
          validate: validateWholeNumber,
          min: 0,
          max: 180,
          defaultValue: 14,
          access: { create: isAdmin, update: isAdmin },
          admin: { description: 'Days after the review due date (editors are told when it passes) before the overdue policy applies.' },
        },
      ],
    },
  ],
}
