import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '@/access/isEditorOrAdmin'
import { isStaff } from '@/access/isStaff'
import { nobody } from '@/access/nobody'
import { ANSWERS, CANCER_TYPES, EVIDENCE_CHANGES, GUIDELINE_SOURCES, QUESTIONS, USERS } from '../slugs'
import { slugField } from '../shared/slugField'
import { deleteUnpublishedOnly } from './access/deleteUnpublishedOnly'
import { answerHistory } from './endpoints/answerHistory'
import { overridePublish } from './endpoints/overridePublish'
import { recordDecision } from './endpoints/recordDecision'
import { verifyClaim } from './endpoints/verifyClaim'
import { submitAnswer } from './endpoints/submitAnswer'
import { withdrawReview } from './endpoints/withdrawReview'
import { proposeReplacements } from './endpoints/proposeReplacements'
import { runLifecycleNow } from './endpoints/runLifecycleNow'
import { lockReviewedFields } from './access/editableOutsideReview'
import { refuseDeleteInReview, refuseEditsInReview, refuseRestoreInReview } from './hooks/refuseEditsInReview'
import { followQuestionOnCreate, releaseQuestionOfDeletedAnswer } from './hooks/keepQuestionInStep'
import { readAnswers } from './access/readAnswers'
import { checkReassignment, emailReassignedReviewers } from './hooks/checkReassignment'
import { checkAnswerOnSave } from './hooks/checkAnswerOnSave'
import { computeContentHash } from './hooks/computeContentHash'
import { clearOperationFlags, guardPublication, refusePublicationOutsideRule } from './hooks/guardPublication'
import { keepApprovalHistory } from './hooks/keepApprovalHistory'
import { forgetClaimChecks } from './hooks/forgetClaimChecks'
import { keepOneAnswerPerQuestion } from './hooks/keepOneAnswerPerQuestion'
import { recordAuthorship } from './hooks/recordAuthorship'
import { queueClaimVerification } from './hooks/queueClaimVerification'
import { recordWorkflowEvent } from './hooks/recordWorkflowEvent'
import { refuseTooManyClaims } from './hooks/refuseTooManyClaims'
import { refuseUnsafeRichText } from './hooks/refuseUnsafeRichText'
import { reopenChangedAnswer } from './hooks/reopenChangedAnswer'
import { restartReviewOnRestore } from './hooks/restartReviewOnRestore'
import { keepReviewTermsDuringReview } from './hooks/keepReviewTermsDuringReview'
import { markWithdrawn, reopenQuestion } from './hooks/withdrawOnUnpublish'
import { serveLiveVersionToPublic } from './hooks/serveLiveVersionToPublic'
import { validateCitations } from './hooks/validateCitations'
import { mirrorClaimCitations } from './hooks/mirrorClaimCitations'
import { clearEvidenceFlagOnPublish } from './hooks/clearEvidenceFlagOnPublish'
import { verifyRelationsExist } from '@hooks/verifyRelationsExist'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { rejectWrongTypes } from '@hooks/rejectWrongTypes'
import { refuseWorkflowWrites } from '@hooks/refuseWorkflowWrites'
import { refreshAfterAnswerChange, refreshAfterAnswerDelete, rememberLiveAnswer } from '@hooks/refreshPublicReads'
import { ANSWER_STAGES, answerStageLabel } from '@/lib/workflow/states'
import { ANSWER_FLAG_CODES, SEVERITIES } from '@/lib/safety/flags'
import { claimVerificationJsonSchema } from '@/lib/verification/claimVerification'

export { ANSWER_STAGES as WORKFLOW_STAGES } from '@/lib/workflow/states'

/** Internal fields: the public never sees them (DESIGN.md, trust rule 1). */
const staffOnly = { read: isStaff }
/** Set only by the server (drafter, workflow, approval rule); clients cannot write them. */
const serverSet = { read: isStaff, create: nobody, update: nobody }
/** Public on a published answer, but written only by the approval rule. */
const publishedRecord = { create: nobody, update: nobody }

export const Answers: CollectionConfig = {
  slug: ANSWERS,
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'cancerType', 'workflowStage', 'updatedAt', 'reviewScreen'],
    group: 'Editorial',
    listSearchableFields: ['title', 'slug', 'summary'],
    // The list reads only its columns: whole rows (body, public JSON, claims) made ten rows about
    // 500 KB and the list's p95 393 ms at 2,000 answers (npm run bench:admin). Its one custom cell
    // needs only the id, which is always selected.
    enableListViewSelectAPI: true,
    components: {
      edit: {
        PublishButton: '/src/components/admin/answers/PublishedByApproval#PublishedByApproval',
        // The header shows the workflow stage instead of Payload's draft/published flag.
        Status: '/src/components/admin/answers/WorkflowStageStatus#WorkflowStageStatus',
      },
    },
  },
  // Drafts are validated like published versions: a draft that could never be published is refused
  // when it is saved, not when a reviewer approves it. Every version is kept (maxPerDoc 0): they are
  // the record of what each reviewer approved and what was live when, and the review screen's diff
  // reads the version an approval was given on. A cap would delete the oldest of them, and would cost
  // every save a read of the versions beyond it.
  versions: { drafts: { validate: true }, maxPerDoc: 0 },
  // The due-date spreading counts the live answers due on each day (src/lib/lifecycle/dueDates.ts):
  // with only single-column indexes SQLite walked every published answer for each of those counts.
  indexes: [{ fields: ['_status', 'nextReviewDue'] }],
  endpoints: [
    submitAnswer,
    recordDecision,
    answerHistory,
    overridePublish,
    withdrawReview,
    verifyClaim,
    proposeReplacements,
    runLifecycleNow,
  ],
  access: {
    read: readAnswers,
    readVersions: isEditorOrAdmin,
    create: isEditorOrAdmin,
    update: isEditorOrAdmin,
    delete: deleteUnpublishedOnly,
  },
  hooks: {
    beforeOperation: [
      rejectMalformedId,
      rejectWrongTypes,
      refuseWorkflowWrites('workflowStage', 'draft', 'Use "Submit for review"; reviewers decide on the review screen.'),
      serveLiveVersionToPublic,
      guardPublication,
      refuseEditsInReview,
    ],
    beforeValidate: [refuseUnsafeRichText, refuseTooManyClaims],
    beforeChange: [
      refusePublicationOutsideRule,
      verifyRelationsExist,
      keepOneAnswerPerQuestion,
      keepReviewTermsDuringReview,
      checkReassignment,
      mirrorClaimCitations,
      validateCitations,
      refuseRestoreInReview,
      restartReviewOnRestore,
      markWithdrawn,
      computeContentHash,
      checkAnswerOnSave,
      reopenChangedAnswer,
      recordAuthorship,
      clearEvidenceFlagOnPublish,
      rememberLiveAnswer,
    ],
    afterChange: [
      recordWorkflowEvent,
      followQuestionOnCreate,
      reopenQuestion,
      emailReassignedReviewers,
      refreshAfterAnswerChange,
      queueClaimVerification,
    ],
    afterDelete: [releaseQuestionOfDeletedAnswer, refreshAfterAnswerDelete],
    afterOperation: [clearOperationFlags],
    beforeDelete: [keepApprovalHistory, refuseDeleteInReview, forgetClaimChecks],
  },
  // What a reviewer approves is read-only in the admin while they hold the answer (refuseEditsInReview refuses it for everyone).
  fields: lockReviewedFields([
    {
      name: 'reviewLock',
      type: 'ui',
      admin: { components: { Field: '/src/components/admin/answers/ReviewLockBanner#ReviewLockBanner' } },
    },
    {
      name: 'evidenceChangedBanner',
      type: 'ui',
      admin: { components: { Field: '/src/components/admin/answers/EvidenceChangedBanner#EvidenceChangedBanner' } },
    },
    // One answer per question, enforced by the database too (keepOneAnswerPerQuestion gives the 409 message).
    { name: 'question', type: 'relationship', relationTo: QUESTIONS, required: true, unique: true },
    { name: 'title', type: 'text', required: true, minLength: 10, maxLength: 200 },
    slugField('title', 'answer'),
    { name: 'cancerType', type: 'relationship', relationTo: CANCER_TYPES, required: true, index: true },
    {
      name: 'summary',
      type: 'textarea',
      maxLength: 800,
      admin: { description: 'The short, direct answer shown first (grade 6-8 reading level).' },
    },
    { name: 'body', type: 'richText' },
    {
      name: 'questionsToAsk',
      type: 'array',
      maxRows: 10,
      labels: { singular: 'Question to ask', plural: 'Questions to ask your oncology team' },
      fields: [
        { name: 'question', type: 'text', required: true, maxLength: 300 },
        { name: 'why', type: 'text', required: true, maxLength: 300 },
      ],
    },
    { name: 'keyTakeaway', type: 'textarea', maxLength: 600 },
    {
      name: 'citations',
      type: 'array',
      maxRows: 60,
      label: "Citations (direct answer, and the body's claim citations)",
      admin: {
        description:
          'The direct answer\'s citations. Claims in the body cite with the Citation button of the editor; those are listed here too, marked "from a claim", and follow the body.',
      },
      fields: [
        { name: 'source', type: 'relationship', relationTo: GUIDELINE_SOURCES, required: true },
        { name: 'passageId', type: 'text', required: true, maxLength: 80 },
        { name: 'quote', type: 'textarea', maxLength: 400 },
        {
          name: 'claimCitation',
          type: 'checkbox',
          label: 'From a claim in the body',
          defaultValue: false,
          admin: { readOnly: true, description: 'Copied from a citation in the body on save; edit it in the body.' },
        },
      ],
    },
    {
      name: 'reviewScreen',
      type: 'ui',
      label: 'Review',
      admin: {
        position: 'sidebar',
        components: {
          Cell: '/src/components/admin/answers/ReviewScreenLink#ReviewLinkCell',
          Field: '/src/components/admin/answers/ReviewScreenLink#ReviewScreenLink',
        },
      },
    },
    {
      name: 'submitForReview',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/components/admin/answers/SubmitForReviewButton#SubmitForReviewButton' } },
    },
    {
      name: 'workflowStage',
      type: 'select',
      defaultValue: 'draft',
      index: true,
      options: ANSWER_STAGES.map((value) => ({ label: answerStageLabel(value), value })),
      access: serverSet,
      // Shown once, in the document's header (WorkflowStageStatus); still a list column and filter.
      admin: {
        position: 'sidebar',
        readOnly: true,
        components: { Field: '/src/components/admin/answers/WorkflowStageStatus#StageShownInHeader' },
      },
    },
    {
      name: 'highRisk',
      type: 'checkbox',
      defaultValue: false,
      access: staffOnly,
      admin: { position: 'sidebar', description: 'High-risk answers need two distinct approvals.' },
    },
    {
      name: 'assignedReviewers',
      type: 'relationship',
      relationTo: USERS,
      hasMany: true,
      index: true,
      access: staffOnly,
      filterOptions: { roles: { contains: 'reviewer' } },
      admin: { position: 'sidebar' },
    },
    {
      name: 'reviewDueAt',
      type: 'date',
      index: true,
      access: serverSet,
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.reviewDueAt) },
    },
    { name: 'reviewRemindedAt', type: 'date', access: serverSet, admin: { hidden: true } },
    // The public read API's copy of the live version, built at publication (no work per read).
    { name: 'publicJson', type: 'json', access: serverSet, admin: { hidden: true } },
    { name: 'searchText', type: 'textarea', access: serverSet, admin: { hidden: true } },
    {
      name: 'history',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/components/admin/answers/AnswerHistory#AnswerHistory' } },
    },
    { name: 'reviewEscalatedAt', type: 'date', access: serverSet, admin: { hidden: true } },
    {
      name: 'contentHash',
      type: 'text',
      index: true,
      access: serverSet,
      admin: { position: 'sidebar', readOnly: true, description: 'Approvals count only for this exact content.' },
    },
    { name: 'lastEditedBy', type: 'relationship', relationTo: USERS, access: serverSet, admin: { position: 'sidebar', readOnly: true } },
    {
      name: 'authors',
      type: 'relationship',
      relationTo: USERS,
      hasMany: true,
      access: serverSet,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Everyone who changed the content since it was last approved: none of them reviews this version.',
      },
    },
    {
      name: 'provenance',
      type: 'group',
      access: serverSet,
      admin: { readOnly: true, description: 'How this draft was made. Never shown to the public.' },
      fields: [
        {
          name: 'draftedBy',
          type: 'select',
          options: [
            { label: 'Model (Claude)', value: 'model' },
            { label: 'Extractive, not written by a model', value: 'extractive' },
            { label: 'Person', value: 'person' },
          ],
        },
        { name: 'author', type: 'relationship', relationTo: USERS },
        { name: 'modelId', type: 'text' },
        { name: 'promptVersion', type: 'text' },
        { name: 'passageIds', type: 'json' },
        { name: 'tokensIn', type: 'number' },
        { name: 'tokensOut', type: 'number' },
        { name: 'tokensCacheRead', type: 'number' },
        { name: 'tokensCacheWrite', type: 'number' },
        { name: 'costUsd', type: 'number' },
        { name: 'latencyMs', type: 'number' },
        { name: 'requestId', type: 'text' },
        { name: 'modelCalls', type: 'number', admin: { description: 'Calls made for this draft (2 when a repair was needed).' } },
      ],
    },
    {
      name: 'safetyWarnings',
      type: 'array',
      access: serverSet,
      admin: {
        readOnly: true,
        description: 'Checks run on every save, whoever wrote the text, most severe first: they inform review, they do not block it.',
      },
      fields: [
        { name: 'code', type: 'select', options: [...ANSWER_FLAG_CODES] },
        { name: 'severity', type: 'select', options: [...SEVERITIES] },
        { name: 'where', type: 'text' },
        { name: 'message', type: 'text' },
        { name: 'claim', type: 'text' },
      ],
    },
    // Cited passages that changed since this answer was last published (issue 14), written by the
    // flagging job and cleared by the next publication. Not content: outside the hash and the lock.
    {
      name: 'evidenceChanges',
      type: 'array',
      access: serverSet,
      admin: { hidden: true },
      fields: [
        { name: 'change', type: 'relationship', relationTo: EVIDENCE_CHANGES },
        { name: 'source', type: 'relationship', relationTo: GUIDELINE_SOURCES },
        { name: 'sourceTitle', type: 'text' },
        { name: 'passageId', type: 'text', required: true },
        { name: 'heading', type: 'text' },
        {
          name: 'kind',
          type: 'select',
          options: [
            { label: 'Passage text edited', value: 'edited' },
            { label: 'Source superseded', value: 'superseded' },
          ],
        },
        { name: 'oldText', type: 'textarea' },
        { name: 'newText', type: 'textarea' },
        { name: 'oldVersion', type: 'text' },
        { name: 'newVersion', type: 'text' },
        { name: 'changedOn', type: 'date' },
        { name: 'safetyCorrection', type: 'checkbox' },
        { name: 'note', type: 'textarea' },
      ],
    },
    // Claude's verdict per claim (issue 13), written only by the verification job; it counts only
    // while its contentHash equals the answer's. Not content: outside the hash and the review lock.
    {
      name: 'claimVerification',
      type: 'json',
      access: serverSet,
      admin: { hidden: true },
      typescriptSchema: [claimVerificationJsonSchema],
    },
    {
      type: 'collapsible',
      label: 'Review record',
      admin: { initCollapsed: true },
      fields: [
        { name: 'publishedAt', type: 'date', access: publishedRecord, admin: { readOnly: true } },
        { name: 'lastReviewedAt', type: 'date', access: publishedRecord, admin: { readOnly: true } },
        { name: 'nextReviewDue', type: 'date', index: true, access: publishedRecord, admin: { readOnly: true } },
        {
          name: 'reviewCycle',
          type: 'number',
          defaultValue: 0,
          access: serverSet,
          admin: {
            readOnly: true,
            description: 'How many times this answer was published. Only approvals given in the current cycle count toward publishing it.',
          },
        },
        {
          // The live version's public notice (written on the live row only, by src/lib/lifecycle/livePolicy.ts).
          name: 'liveNotice',
          type: 'group',
          access: serverSet,
          admin: { readOnly: true, description: 'The notice patients see on the live version, if any.' },
          fields: [
            {
              name: 'kind',
              type: 'select',
              index: true,
              options: [
                { label: 'Evidence changed', value: 'evidence_changed' },
                { label: 'Review overdue', value: 'review_overdue' },
              ],
            },
            { name: 'since', type: 'date' },
            { name: 'until', type: 'date', index: true, admin: { description: 'When the answer is withdrawn unless re-approved.' } },
          ],
        },
        {
          name: 'reviewedBy',
          type: 'relationship',
          relationTo: USERS,
          hasMany: true,
          access: serverSet,
          admin: { readOnly: true },
        },
        {
          name: 'reviewCredits',
          type: 'array',
          access: publishedRecord,
          admin: { readOnly: true, description: 'Name and credentials shown to patients, fixed at publication.' },
          fields: [
            { name: 'name', type: 'text', required: true },
            { name: 'credentials', type: 'text' },
          ],
        },
        {
          name: 'publishOverride',
          type: 'group',
          access: publishedRecord,
          admin: {
            readOnly: true,
            description: 'Set only when an admin published without the approval rule: shown to patients with the reason.',
          },
          fields: [
            { name: 'by', type: 'relationship', relationTo: USERS, access: { read: isStaff } },
            { name: 'byName', type: 'text' },
            { name: 'reason', type: 'textarea' },
            { name: 'at', type: 'date' },
          ],
        },
        {
          name: 'sourceCredits',
          type: 'array',
          access: publishedRecord,
          admin: { readOnly: true, description: 'The guideline sources cited, as shown to patients, fixed at publication.' },
          fields: [
            { name: 'publisher', type: 'text', required: true },
            { name: 'title', type: 'text', required: true },
            { name: 'version', type: 'text', required: true },
            { name: 'url', type: 'text', required: true },
          ],
        },
      ],
    },
  ]),
}
