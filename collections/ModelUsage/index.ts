import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { nobody } from '@/access/nobody'
import { monthlyModelUsage } from './endpoints/monthlyModelUsage'
import { ANSWERS, MODEL_USAGE, QUESTIONS } from '../slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

/**
 * The cost ledger: one entry per model call (drafts, repairs, batch results, claim verifications),
 * written by the drafting and verification jobs, including calls whose draft then failed. Per-answer totals are also kept in the
 * answer's provenance; GET /api/model-usage/monthly sums the ledger per month.
 */
export const ModelUsage: CollectionConfig = {
  slug: MODEL_USAGE,
  labels: { singular: 'Model call', plural: 'Model cost ledger' },
  admin: {
    useAsTitle: 'requestId',
    defaultColumns: ['month', 'model', 'purpose', 'outcome', 'costUsd', 'tokensIn', 'tokensOut', 'createdAt'],
    group: 'Editorial',
  },
  access: { read: isEditorOrAdmin, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  endpoints: [monthlyModelUsage],
  fields: [
    { name: 'month', type: 'text', required: true, index: true, admin: { description: 'YYYY-MM (UTC)' } },
    { name: 'question', type: 'relationship', relationTo: QUESTIONS, index: true },
    { name: 'answer', type: 'relationship', relationTo: ANSWERS, index: true },
    { name: 'model', type: 'text', required: true },
    { name: 'promptVersion', type: 'text' },
    { name: 'purpose', type: 'select', required: true, options: ['draft', 'repair', 'batch', 'verify'] },
    {
      name: 'outcome',
      type: 'select',
      required: true,
      options: ['used', 'discarded'],
      admin: { description: 'Discarded: the draft from this call failed.' },
    },
    { name: 'tokensIn', type: 'number', defaultValue: 0 },
    { name: 'tokensOut', type: 'number', defaultValue: 0 },
    { name: 'tokensCacheRead', type: 'number', defaultValue: 0 },
    { name: 'tokensCacheWrite', type: 'number', defaultValue: 0 },
    { name: 'costUsd', type: 'number', admin: { description: 'Empty when the model has no known price.' } },
    { name: 'latencyMs', type: 'number' },
    { name: 'requestId', type: 'text' },
  ],
}
