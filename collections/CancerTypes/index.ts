import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { isAdmin } from '@/access/isAdmin'
import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { CANCER_TYPES } from '../slugs'
import { slugField } from '../shared/slugField'
import { preventDeletingReferencedCancerType } from './hooks/preventDeletingReferencedCancerType'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
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
    beforeOperation: [rejectMalformedId],
    beforeDelete: [preventDeletingReferencedCancerType],
    afterChange: [refreshAfterCancerTypeChange],
    afterDelete: [refreshAfterCancerTypeDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, minLength: 2, maxLength: 80 },
    slugField('name'),
    {
      name: 'reviewIntervalMonths',
      type: 'number',
      required: true,
      min: 1,
      max: 36,
      defaultValue: 12,
      admin: { description: 'Published answers about this cancer type are due for re-review after this many months.' },
    },
  ],
}
