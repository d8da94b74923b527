import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { CDN_PURGES } from '../slugs'
import { prepareSending, scheduleSending } from './hooks/scheduleSending'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/** A cache tag as the public responses carry it (src/lib/public/cacheTags.ts): safe in both header formats. */
const TAGS = /^[a-z0-9-]+( [a-z0-9-]+)*$/

/**
 * The CDN purge outbox (README "CDN purge"). Each change to what the public sees writes one row in its
 * transaction (hooks/refreshPublicReads.ts -> src/lib/cdnPurge); it is sent right after the commit and
 * retried with backoff until the CDN accepts it. Admins see failures here and retry a row by setting
 * its status back to "Pending", or purge tags by hand by creating a row (e.g. "public": everything).
 */
export const CdnPurges: CollectionConfig = {
  slug: CDN_PURGES,
  labels: { singular: 'CDN purge', plural: 'CDN purges' },
  admin: {
    useAsTitle: 'tags',
    defaultColumns: ['tags', 'kind', 'status', 'attempts', 'responseStatus', 'durationMs', 'lastError', 'nextAttemptAt', 'createdAt'],
    group: 'System',
    description:
      'Purge requests sent to the CDN when public content changes. A failed purge is retried automatically (see "Next attempt"); to retry one now, set its status to Pending and save.',
  },
  defaultSort: '-createdAt',
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: { beforeOperation: [rejectMalformedId], beforeChange: [prepareSending], afterChange: [scheduleSending] },
  fields: [
    {
      name: 'tags',
      type: 'text',
      required: true,
      admin: {
        description: 'Cache tags to purge, space-separated, as sent in Surrogate-Key (e.g. "answer-some-slug answers cancer-types").',
      },
      validate: (value: string | null | undefined) =>
        (typeof value === 'string' && TAGS.test(value)) || 'Tags are lowercase letters, digits and hyphens, separated by single spaces.',
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'site',
      options: [
        { label: 'Published', value: 'published' },
        { label: 'Revised', value: 'revised' },
        { label: 'Withdrawn', value: 'withdrawn' },
        { label: 'Site-wide', value: 'site' },
      ],
      admin: { description: 'The change that caused it (several in one transaction: the widest).' },
    },
    { name: 'slugs', type: 'text', admin: { description: 'Answers concerned, space-separated.' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Pending', value: 'pending' },
        { label: 'Sent', value: 'sent' },
        { label: 'Failed (retrying)', value: 'failed' },
        { label: 'Not sent (no CDN configured)', value: 'not_configured' },
      ],
      admin: { position: 'sidebar' },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, min: 0, admin: { position: 'sidebar', readOnly: true } },
    { name: 'responseStatus', type: 'number', label: 'CDN response', admin: { position: 'sidebar', readOnly: true } },
    { name: 'durationMs', type: 'number', label: 'Duration (ms)', admin: { position: 'sidebar', readOnly: true } },
    { name: 'lastError', type: 'textarea', admin: { position: 'sidebar', readOnly: true } },
    { name: 'sentAt', type: 'date', admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'nextAttemptAt',
      type: 'date',
      label: 'Next attempt',
      index: true,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
