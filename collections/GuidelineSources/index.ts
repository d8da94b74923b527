import type { CollectionConfig } from 'payload'
import { restampCitingAnswers } from './hooks/restampCitingAnswers'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { isStaff } from '@/access/isStaff'
import { nobody } from '@/access/nobody'
import { CANCER_TYPES, GUIDELINE_SOURCES, USERS } from '../slugs'
import { protectCitedPassages } from './hooks/protectCitedPassages'
import { preventDeletingCitedSource } from './hooks/preventDeletingCitedSource'
import { validatePassages } from './hooks/validatePassages'
import { recordPassageEditors } from './hooks/recordPassageEditors'
import { requireCurrentReplacement } from './hooks/requireCurrentReplacement'
import { queueEvidenceChange, takeChangeNote } from './hooks/recordEvidenceChange'
import { verifyRelationsExist } from '@hooks/verifyRelationsExist'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { rejectWrongTypes } from '@hooks/rejectWrongTypes'

export const PUBLISHERS = [
  { label: 'NCCN', value: 'nccn' },
  { label: 'ASCO', value: 'asco' },
  { label: 'ESMO', value: 'esmo' },
  { label: 'NCI PDQ', value: 'nci-pdq' },
  { label: 'American Cancer Society', value: 'acs' },
  { label: 'Journal article', value: 'journal' },
  { label: 'Other', value: 'other' },
] as const

export const PASSAGE_ID_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/

export const GuidelineSources: CollectionConfig = {
  slug: GUIDELINE_SOURCES,
  labels: { singular: 'Guideline source', plural: 'Guideline sources' },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'publisher', 'version', 'status', 'publicationDate'],
    group: 'Content',
  },
  access: {
    read: isStaff,
    create: isEditorOrAdmin,
    update: isEditorOrAdmin,
    delete: isEditorOrAdmin,
  },
  hooks: {
    beforeOperation: [rejectMalformedId, rejectWrongTypes],
    beforeChange: [
      verifyRelationsExist,
      validatePassages,
      requireCurrentReplacement,
      protectCitedPassages,
      takeChangeNote,
      recordPassageEditors,
    ],
    afterChange: [queueEvidenceChange, restampCitingAnswers],
    beforeDelete: [preventDeletingCitedSource],
  },
  fields: [
    { name: 'publisher', type: 'select', required: true, index: true, options: [...PUBLISHERS] },
    { name: 'title', type: 'text', required: true, maxLength: 300 },
    { name: 'version', type: 'text', required: true, maxLength: 60, admin: { description: 'e.g. "Version 2.2025"' } },
    { name: 'publicationDate', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayOnly' } } },
    {
      name: 'url',
      type: 'text',
      required: true,
      maxLength: 2000,
      validate: (value: string | null | undefined) => {
        if (!value) return 'The source URL is required.'
        try {
          const { protocol } = new URL(value)
          return protocol === 'https:' || protocol === 'http:' ? true : 'The URL must start with https:// or http://.'
        } catch {
          return 'This is not a valid URL (expected something like https://www.nccn.org/...).'
        }
      },
    },
    { name: 'cancerTypes', type: 'relationship', relationTo: CANCER_TYPES, hasMany: true, required: true, index: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'current',
      index: true,
      options: [
        { label: 'Current', value: 'current' },
        { label: 'Superseded', value: 'superseded' },
      ],
      admin: { position: 'sidebar', description: 'Only current sources are used for new drafts.' },
    },
    {
      name: 'supersededBy',
      type: 'relationship',
      relationTo: GUIDELINE_SOURCES,
      admin: {
        position: 'sidebar',
        condition: (data) => data?.status === 'superseded',
        description: 'The current version that replaces this one; answers citing this source are offered its matching passages.',
      },
    },
    {
      name: 'safetyCorrection',
      type: 'checkbox',
      defaultValue: false,
      label: 'This save is a safety correction',
      admin: {
        position: 'sidebar',
        description:
          'Applies to this save only. Live answers citing a passage changed by this save are withdrawn at once instead of showing a dated notice.',
      },
    },
    {
      name: 'changeNote',
      type: 'textarea',
      maxLength: 1000,
      label: 'What changed (for reviewers)',
      admin: { position: 'sidebar', description: 'Applies to this save only: shown to reviewers of the answers it flags.' },
    },
    {
      name: 'passages',
      type: 'array',
      required: true,
      minRows: 1,
      maxRows: 500,
      admin: { description: 'Our own paraphrases of the guideline, each with a stable id that citations point at.' },
      fields: [
        {
          name: 'passageId',
          type: 'text',
          required: true,
          maxLength: 80,
          validate: (value: string | null | undefined) =>
            !value
              ? 'Each passage needs a stable id.'
              : PASSAGE_ID_PATTERN.test(value) || 'Passage ids use lower-case letters, digits, "-", "_" or "." (e.g. "met-surgery").',
        },
        { name: 'heading', type: 'text', maxLength: 200 },
        { name: 'text', type: 'textarea', required: true, maxLength: 4000 },
        {
          name: 'editedBy',
          type: 'relationship',
          relationTo: USERS,
          hasMany: true,
          access: { read: isStaff, create: nobody, update: nobody },
          admin: { readOnly: true, description: 'Who wrote or changed this passage: they do not review answers that cite it.' },
        },
      ],
    },
  ],
}
