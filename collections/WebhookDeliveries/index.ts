import type { CollectionConfig, FieldAccess } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { nobody } from '@/access/nobody'
import { WEBHOOK_EVENTS } from '@/lib/webhooks/events'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { WEBHOOK_DELIVERIES, WEBHOOK_ENDPOINTS } from '../slugs'
import { prepareDelivery, scheduleDelivery } from './hooks/scheduleDelivery'

/** Written by the outbox only (system writes use overrideAccess); an admin changes a row's status alone. */
const systemOnly: { create: FieldAccess; update: FieldAccess } = { create: nobody, update: nobody }

/**
 * The webhook outbox (README "Webhooks"): one row per event and endpoint, written in the change's
 * transaction (src/lib/webhooks), sent right after the commit, retried with backoff until the
 * receiver answers 2xx, in order per answer. Admins see each attempt's outcome here and replay a
 * row by setting its status back to "Pending".
 */
export const WebhookDeliveries: CollectionConfig = {
  slug: WEBHOOK_DELIVERIES,
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    useAsTitle: 'messageId',
    defaultColumns: [
      'event',
      'answerTitle',
      'endpoint',
      'status',
      'attempts',
      'responseStatus',
      'durationMs',
      'nextAttemptAt',
      'createdAt',
    ],
    group: 'System',
    description:
      'Events sent to webhook endpoints. A failed delivery is retried automatically (see "Next attempt"). To send one again (replay), set its status to Pending and save; to stop retrying it, set it to Skipped.',
  },
  defaultSort: '-createdAt',
  access: { read: isAdmin, create: nobody, update: isAdmin, delete: isAdmin },
  hooks: { beforeOperation: [rejectMalformedId], beforeChange: [prepareDelivery], afterChange: [scheduleDelivery] },
  fields: [
    // Not required: deleting an endpoint keeps its deliveries' record (the column is set to null).
    { name: 'endpoint', type: 'relationship', relationTo: WEBHOOK_ENDPOINTS, index: true, access: systemOnly, admin: { readOnly: true } },
    {
      name: 'event',
      type: 'select',
      required: true,
      options: WEBHOOK_EVENTS.map((value) => ({ value, label: value })),
      access: systemOnly,
      admin: { readOnly: true },
    },
    { name: 'answerTitle', type: 'text', label: 'Answer', access: systemOnly, admin: { readOnly: true } },
    {
      name: 'answerKey',
      type: 'text',
      required: true,
      index: true,
      label: 'Answer id',
      access: systemOnly,
      admin: { readOnly: true, description: 'Deliveries of one answer to one endpoint go in order: the next waits for this one.' },
    },
    {
      name: 'messageId',
      type: 'text',
      required: true,
      label: 'webhook-id',
      access: systemOnly,
      admin: { readOnly: true, description: 'The same on every attempt and replay.' },
    },
    { name: 'dedupeKey', type: 'text', required: true, unique: true, access: systemOnly, admin: { hidden: true } },
    { name: 'body', type: 'code', required: true, access: systemOnly, admin: { readOnly: true, language: 'json' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Pending', value: 'pending' },
        { label: 'Delivered', value: 'delivered' },
        { label: 'Failed (retrying)', value: 'failed' },
        { label: 'Skipped', value: 'skipped' },
      ],
      admin: { position: 'sidebar' },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, min: 0, access: systemOnly, admin: { position: 'sidebar', readOnly: true } },
    { name: 'responseStatus', type: 'number', label: 'Response', access: systemOnly, admin: { position: 'sidebar', readOnly: true } },
    { name: 'durationMs', type: 'number', label: 'Response time (ms)', access: systemOnly, admin: { position: 'sidebar', readOnly: true } },
    { name: 'lastError', type: 'textarea', access: systemOnly, admin: { position: 'sidebar', readOnly: true } },
    {
      name: 'deliveredAt',
      type: 'date',
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'nextAttemptAt',
      type: 'date',
      label: 'Next attempt',
      index: true,
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    // Set while one instance sends the row (src/lib/webhooks/outbox.ts, `claim`).
    { name: 'claimedUntil', type: 'date', access: systemOnly, admin: { hidden: true } },
  ],
}
