import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { nobody } from '@/access/nobody'
import { WORK_LEASES } from './slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * Who is doing a piece of paid work right now (drafting a question, submitting a Message Batch,
 * verifying an answer's claims), so that two runs of it, on one server or several, do not both pay.
 * One row per piece of work while it runs, taken and given back by src/lib/leases/oneAtATime.ts;
 * a row left by a run that died expires at `claimedUntil`. README "One run at a time".
 */
export const WorkLeases: CollectionConfig = {
  slug: WORK_LEASES,
  labels: { singular: 'Work lease', plural: 'Work leases' },
  admin: {
    useAsTitle: 'key',
    defaultColumns: ['key', 'claimedUntil', 'createdAt'],
    group: 'System',
    hidden: true,
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  fields: [
    // Unique: taking a lease is an insert that the database refuses to a second run.
    { name: 'key', type: 'text', required: true, unique: true, index: true, maxLength: 200, admin: { readOnly: true } },
    { name: 'holder', type: 'text', required: true, admin: { readOnly: true } },
    { name: 'claimedUntil', type: 'date', required: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
