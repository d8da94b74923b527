import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { nobody } from '@/access/nobody'
import { PUBLIC_CHANGES } from '../slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * The public change feed: one row per change to what the public sees (an answer published, revised
 * or withdrawn, a cancer type renamed), written in the change's transaction by
 * hooks/refreshPublicReads.ts. Every server instance polls it (src/lib/public/changeFeed.ts) and
 * evicts the row's cache tags from its prepared responses. Rows are pruned after a day; nobody edits
 * them. README "Public delivery".
 */
export const PublicChanges: CollectionConfig = {
  slug: PUBLIC_CHANGES,
  labels: { singular: 'Public change', plural: 'Public changes' },
  admin: {
    useAsTitle: 'kind',
    defaultColumns: ['kind', 'slugs', 'tags', 'createdAt'],
    group: 'System',
    hidden: true,
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  fields: [
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: ['published', 'revised', 'withdrawn', 'site'],
      admin: { readOnly: true },
    },
    { name: 'slugs', type: 'json', admin: { readOnly: true } },
    { name: 'tags', type: 'json', required: true, admin: { readOnly: true } },
  ],
}
