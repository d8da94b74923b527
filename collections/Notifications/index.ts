import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { nobody } from '@/access/nobody'
import { ANSWERS, APPROVALS, NOTIFICATIONS, QUESTIONS } from '../slugs'
import { readNotifications } from './access/readNotifications'
import { queueSending } from './hooks/queueSending'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * The email outbox. Every message is written here first and sent by a job, so a failed send never
 * fails the workflow step that caused it and stays visible and retryable.
 */
export const Notifications: CollectionConfig = {
  slug: NOTIFICATIONS,
  labels: { singular: 'Email', plural: 'Email outbox' },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'to', 'template', 'status', 'attempts', 'createdAt'],
    group: 'Team',
  },
  hooks: { beforeOperation: [rejectMalformedId], afterChange: [queueSending] },
  access: {
    read: readNotifications,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
  fields: [
    { name: 'to', type: 'email', required: true, index: true },
    { name: 'subject', type: 'text', required: true, maxLength: 300 },
    {
      name: 'template',
      type: 'select',
      required: true,
      options: [
        { label: 'Review assigned', value: 'review_assigned' },
        { label: 'Review reminder', value: 'review_reminder' },
        { label: 'Review escalation', value: 'review_escalation' },
        { label: 'Changes requested', value: 'changes_requested' },
        { label: 'Answer rejected', value: 'answer_rejected' },
        { label: 'Answer published', value: 'answer_published' },
        { label: 'Awaiting reviewer', value: 'awaiting_reviewer' },
        { label: 'Review withdrawn', value: 'review_withdrawn' },
        { label: 'Answer withdrawn', value: 'answer_withdrawn' },
        { label: 'Live answer notice', value: 'live_notice' },
        { label: 'Password reset', value: 'password_reset' },
        { label: 'Reviewer credentials lapse', value: 'credentials_lapse' },
      ],
    },
    { name: 'text', type: 'textarea', required: true, admin: { description: 'Plain-text body as sent.' } },
    { name: 'related', type: 'relationship', relationTo: [ANSWERS, QUESTIONS, APPROVALS] },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: [
        { label: 'Queued', value: 'queued' },
        { label: 'Sent', value: 'sent' },
        { label: 'Failed', value: 'failed' },
        { label: 'Not sent (see the error)', value: 'not_sent' },
      ],
      admin: { position: 'sidebar' },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, min: 0, admin: { position: 'sidebar' } },
    { name: 'lastError', type: 'textarea', admin: { position: 'sidebar' } },
    { name: 'sentAt', type: 'date', index: true, admin: { position: 'sidebar' } },
    // Set while one run sends the message (src/jobs/sendNotification.ts): a job taken by two runners sends once.
    { name: 'claimedUntil', type: 'date', access: { create: nobody, update: nobody }, admin: { hidden: true } },
  ],
}
