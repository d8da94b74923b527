import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { isEditorOrQuestionReviewer } from '@/access/isEditorOrQuestionReviewer'
import { isStaff } from '@/access/isStaff'
import { nobody } from '@/access/nobody'
import { ANSWERS, API_KEYS, CANCER_TYPES, QUESTIONS, USERS } from '../slugs'
import { slugField } from '../shared/slugField'
import { bulkQuestionActions } from './endpoints/bulkActions'
import { draftManyQuestions, draftOneQuestion } from './endpoints/draftQuestions'
import { importQuestionsEndpoint, previewQuestionImportEndpoint } from './endpoints/importQuestions'
import { questionIntake, questionIntakeStatus } from './endpoints/intake'
import { normalizeQuestionText } from './hooks/normalizeQuestionText'
import { validateDuplicateOf } from './hooks/validateDuplicateOf'
import { verifyRelationsExist } from '@hooks/verifyRelationsExist'
import { keepAnsweredQuestions } from './hooks/keepAnsweredQuestions'
import { keepOriginalsOfDuplicates } from './hooks/keepOriginalsOfDuplicates'
import { keepWordingInReview } from './hooks/keepWordingInReview'
import { keyForDuplicates } from './hooks/keyForDuplicates'
import { recordTextAuthors } from './hooks/recordTextAuthors'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { rejectWrongTypes } from '@hooks/rejectWrongTypes'
import { refuseWorkflowWrites } from '@hooks/refuseWorkflowWrites'
import { QUESTION_STATUSES, questionStatusLabel } from '@/lib/workflow/states'
import {
  hasWords,
  hiddenCharacterRefusal,
  originField,
  priorityField,
  QUESTION_TEXT_MAX,
  QUESTION_TEXT_MIN,
  QUESTION_WITHOUT_WORDS,
} from './fields'

export { QUESTION_STATUSES } from '@/lib/workflow/states'
export { QUESTION_TEXT_MAX, QUESTION_TEXT_MIN } from './fields'

export const Questions: CollectionConfig = {
  slug: QUESTIONS,
  labels: { singular: 'Question', plural: 'Questions' },
  admin: {
    useAsTitle: 'text',
    defaultColumns: ['text', 'cancerType', 'status', 'priority', 'submittedAt'],
    group: 'Editorial',
    listSearchableFields: ['text', 'slug'],
  },
  access: {
    // A reviewer reads the questions of the answers assigned to them (what the patient asked).
    read: isEditorOrQuestionReviewer,
    create: isEditorOrAdmin,
    update: isEditorOrAdmin,
    delete: isEditorOrAdmin,
  },
  endpoints: [
    bulkQuestionActions,
    draftManyQuestions,
    draftOneQuestion,
    previewQuestionImportEndpoint,
    importQuestionsEndpoint,
    // POST /api/questions: an importer key's intake; anything else goes on to Payload's own create.
    questionIntake,
    questionIntakeStatus,
  ],
  hooks: {
    beforeOperation: [
      rejectMalformedId,
      rejectWrongTypes,
      refuseWorkflowWrites('status', 'new', 'Use the backlog to send it to drafting, archive it, mark it as a duplicate or reopen it.'),
    ],
    beforeValidate: [normalizeQuestionText],
    beforeChange: [verifyRelationsExist, validateDuplicateOf, keepWordingInReview, recordTextAuthors],
    beforeDelete: [keepAnsweredQuestions, keepOriginalsOfDuplicates],
  },
  fields: [
    {
      name: 'text',
      label: 'Patient question',
      type: 'textarea',
      required: true,
      validate: (value: string | null | undefined, { previousValue }: { previousValue?: unknown }) => {
        const length = typeof value === 'string' ? value.length : 0
        if (length === 0) return 'The question text is required.'
        if (length < QUESTION_TEXT_MIN) return `The question must be at least ${QUESTION_TEXT_MIN} characters (it has ${length}).`
        if (length > QUESTION_TEXT_MAX) return `The question must be at most ${QUESTION_TEXT_MAX} characters (it has ${length}).`
        if (!hasWords(value!)) return QUESTION_WITHOUT_WORDS
        // Text stored before the rule (a status change saves the question too) is not refused for it.
        if (value === previousValue) return true
        return hiddenCharacterRefusal(value!) ?? true
      },
    },
    slugField('text', 'question'),
    {
      name: 'textAuthors',
      type: 'relationship',
      relationTo: USERS,
      hasMany: true,
      access: { read: isStaff, create: nobody, update: nobody },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Who wrote or changed this wording since its answer was last published: they do not review that answer.',
      },
    },
    {
      // The text as duplicates are compared (src/lib/questionImport/normalize.ts), derived on every save.
      name: 'duplicateKey',
      type: 'text',
      index: true,
      access: { create: nobody, update: nobody },
      hooks: { beforeChange: [keyForDuplicates] },
      admin: { hidden: true },
    },
    { name: 'cancerType', type: 'relationship', relationTo: CANCER_TYPES, required: true, index: true },
    priorityField,
    originField,
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'new',
      index: true,
      options: QUESTION_STATUSES.map((value) => ({ label: questionStatusLabel(value), value })),
      // Derived, never typed in: the workflow (src/lib/workflow/transitions.ts) is its only writer.
      access: { create: nobody, update: nobody },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Follows the answer through drafting, review and publishing. Archive, mark as duplicate or reopen from the backlog.',
      },
    },
    {
      name: 'duplicateOf',
      type: 'relationship',
      relationTo: QUESTIONS,
      admin: { position: 'sidebar', condition: (data) => data?.status === 'duplicate' },
    },
    {
      name: 'submittedAt',
      type: 'date',
      required: true,
      index: true,
      defaultValue: () => new Date().toISOString(),
      admin: { position: 'sidebar' },
    },
    {
      name: 'draftingControls',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/components/admin/drafting/SendToDraftingButton#SendToDraftingButton' } },
    },
    {
      name: 'draftFailureReason',
      type: 'textarea',
      access: { read: isStaff, create: nobody, update: nobody },
      admin: {
        readOnly: true,
        condition: (data) => Boolean(data?.draftFailureReason),
        description: 'Why the last drafting attempt failed. Send the question to drafting again to retry.',
      },
    },
    {
      name: 'draftJobId',
      type: 'text',
      access: { read: isStaff, create: nobody, update: nobody },
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.draftJobId) },
    },
    {
      name: 'lastDraftAttemptAt',
      type: 'date',
      access: { read: isStaff, create: nobody, update: nobody },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'intakeKey',
      label: 'Sent by API key',
      type: 'relationship',
      relationTo: API_KEYS,
      index: true,
      // Set only by question intake (src/lib/questionImport/intake.ts); people never choose it.
      access: { create: nobody, update: nobody },
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.intakeKey) },
    },
    {
      name: 'notes',
      type: 'textarea',
      maxLength: 5000,
      // The editors' working notes (they may hold what a patient wrote about themselves): not reviewers'.
      access: { read: isEditorOrAdmin },
      admin: { description: 'Internal notes, never shown to patients or reviewers.' },
    },
    {
      name: 'answers',
      type: 'join',
      collection: ANSWERS,
      on: 'question',
      admin: { allowCreate: false, components: { Field: '/src/components/admin/drafting/QuestionAnswers#QuestionAnswers' } },
    },
  ],
}
