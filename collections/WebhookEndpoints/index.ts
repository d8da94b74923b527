import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from '@/lib/webhooks/events'
import { secretKey } from '@/lib/webhooks/signing'
import { webhookSettings } from '@/lib/webhooks/settings'
import { endpointUrlProblem } from '@/lib/webhooks/urls'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { WEBHOOK_ENDPOINTS } from '../slugs'
import { generateSecret } from './hooks/prepareSecret'

/**
 * Where webhooks go (README "Webhooks"). Admins only: the secret signs every delivery, so whoever
 * reads it can forge one. It is readable by admins (they copy it into their receiver), never by
 * anyone else, and never logged.
 */
export const WebhookEndpoints: CollectionConfig = {
  slug: WEBHOOK_ENDPOINTS,
  labels: { singular: 'Webhook endpoint', plural: 'Webhook endpoints' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'url', 'events', 'active', 'updatedAt'],
    group: 'System',
    description:
      'Receivers told when answers change (signed with the endpoint\'s secret, Standard Webhooks). Deliveries and their outcomes are under "Webhook deliveries".',
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: { beforeOperation: [rejectMalformedId], beforeValidate: [generateSecret] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 200, admin: { description: 'Who receives it, e.g. "Patient portal".' } },
    {
      name: 'url',
      type: 'text',
      required: true,
      maxLength: 2000,
      admin: { description: 'https:// address that receives a POST per event.' },
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && value.length > 0
          ? (endpointUrlProblem(value, { allowPrivate: webhookSettings().allowPrivateUrls }) ?? true)
          : 'The endpoint URL is required.',
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      options: WEBHOOK_EVENTS.map((value) => ({ value, label: WEBHOOK_EVENT_LABELS[value] })),
      admin: { description: 'The events sent to this endpoint.' },
    },
    {
      name: 'secret',
      type: 'text',
      required: true,
      admin: {
        description:
          'whsec_ followed by base64 of 32 to 64 random bytes. Leave empty when creating: one is generated. Your receiver verifies each request with it.',
      },
      validate: (value: string | null | undefined) => {
        if (typeof value !== 'string' || value.length === 0) return 'A secret is required.'
        const key = secretKey(value)
        return typeof key === 'string' ? key : true
      },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      admin: { position: 'sidebar', description: 'Inactive: new events are not queued for it.' },
    },
  ],
}
