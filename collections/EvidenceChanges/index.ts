import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { isStaff } from '@/access/isStaff'
import { nobody } from '@/access/nobody'
import { ANSWERS, EVIDENCE_CHANGES, GUIDELINE_SOURCES, USERS } from '../slugs'
import { rejectMalformedId } from '@hooks/rejectMalformedId'

export const EVIDENCE_CHANGE_KINDS = [
  { label: 'Passage text edited', value: 'edited' },
  { label: 'Source superseded', value: 'superseded' },
] as const

/**
 * The record of one change of evidence: a save of a guideline source that rewrote cited passages'
 * text, or marked the source superseded. Written by the server in the same transaction as that
 * save (with the job that flags the answers citing the passages); nobody edits or deletes it.
 * README "Evidence binding and change detection".
 */
export const EvidenceChanges: CollectionConfig = {
  slug: EVIDENCE_CHANGES,
  labels: { singular: 'Evidence change', plural: 'Evidence changes' },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'kind', 'safetyCorrection', 'status', 'answersFlagged', 'changedOn'],
    group: 'Content',
    description: 'Each save of a guideline source that changed passage text or superseded it, and the answers it flagged for review.',
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId] },
  fields: [
    { name: 'summary', type: 'text', admin: { readOnly: true } },
    { name: 'source', type: 'relationship', relationTo: GUIDELINE_SOURCES, required: true, index: true, admin: { readOnly: true } },
    { name: 'kind', type: 'select', required: true, options: [...EVIDENCE_CHANGE_KINDS], admin: { readOnly: true } },
    { name: 'replacement', type: 'relationship', relationTo: GUIDELINE_SOURCES, admin: { readOnly: true } },
    {
      name: 'safetyCorrection',
      type: 'checkbox',
      defaultValue: false,
      admin: {
        readOnly: true,
        description: 'The editor marked this save a safety correction: live answers citing it are withdrawn at once.',
      },
    },
    { name: 'note', type: 'textarea', admin: { readOnly: true } },
    { name: 'changedOn', type: 'date', required: true, index: true, admin: { readOnly: true } },
    { name: 'changedBy', type: 'relationship', relationTo: USERS, admin: { readOnly: true } },
    {
      name: 'passages',
      type: 'array',
      admin: { readOnly: true },
      fields: [
        { name: 'passageId', type: 'text', required: true },
        { name: 'heading', type: 'text' },
        { name: 'oldText', type: 'textarea' },
        { name: 'newText', type: 'textarea' },
        { name: 'oldVersion', type: 'text' },
        { name: 'newVersion', type: 'text' },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: [
        { label: 'Queued: answers not flagged yet', value: 'queued' },
        { label: 'Answers flagged', value: 'flagged' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'flaggedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    // Which answers it flagged, with their titles and stages: what editors follow up. A reviewer may
    // read only the answers assigned to them, so not this list (it named drafts they cannot open).
    {
      name: 'answersFlagged',
      type: 'number',
      defaultValue: 0,
      access: { read: isEditorOrAdmin },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'answers',
      type: 'relationship',
      relationTo: ANSWERS,
      hasMany: true,
      access: { read: isEditorOrAdmin },
      admin: { readOnly: true },
    },
    {
      name: 'outcomes',
      type: 'json',
      access: { read: isEditorOrAdmin },
      admin: { readOnly: true, description: 'Per answer: what happened to its live version, its proposal and its review.' },
    },
  ],
}
