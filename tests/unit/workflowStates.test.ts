import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import {
  ANSWER_STAGES,
  ANSWER_TRANSITIONS,
  QUESTION_STATUSES,
  QUESTION_TRANSITIONS,
  answerTransition,
  ACTION_LABELS,
  DRAFTING_REFUSALS,
  SUBMIT_REFUSALS,
  canDraft,
  canSubmit,
  draftingControl,
  submitControl,
  isLockedForReview,
  isStaleDrafting,
  LOCKED_STAGES,
  questionStatusForAnswer,
  REVIEWED_FIELDS,
  reviewHoldLabel,
  reviewLockMessage,
} from '@/lib/workflow/states'
import { contentHash } from '@/lib/workflow/contentHash'

const root = path.resolve(__dirname, '../..')

describe('the workflow table', () => {
  it('names only declared stages and statuses', () => {
    for (const rule of ANSWER_TRANSITIONS) for (const stage of [...rule.from, ...rule.to]) expect(ANSWER_STAGES).toContain(stage)
    for (const rule of QUESTION_TRANSITIONS) for (const status of [...rule.from, ...rule.to]) expect(QUESTION_STATUSES).toContain(status)
  })

  it('has no "approved" stage: the approval rule publishes in the deciding transaction', () => {
    expect(ANSWER_STAGES as readonly string[]).not.toContain('approved')
  })

  it('only a reviewer requests changes or rejects, only from "in review"', () => {
    expect(answerTransition('in_review', 'reject')?.who).toEqual(['reviewer'])
    expect(answerTransition('draft', 'reject')).toBeNull()
    expect(answerTransition('published', 'request_changes')).toBeNull()
  })

  it('guards: submit from draft, changes requested or waiting; drafting from the idle statuses', () => {
    expect(['draft', 'changes_requested', 'awaiting_reviewer'].every(canSubmit)).toBe(true)
    expect(['in_review', 'published', 'rejected'].some(canSubmit)).toBe(false)
    expect(['new', 'draft_failed', 'drafted', 'changes_requested'].every(canDraft)).toBe(true)
    expect(['drafting', 'in_review', 'published', 'archived', 'duplicate'].some(canDraft)).toBe(false)
    expect(isStaleDrafting('drafting', new Date(Date.now() - 2 * 3600_000).toISOString())).toBe(true)
    expect(isStaleDrafting('drafting', new Date().toISOString())).toBe(false)
    // A question waiting in a Message Batch (up to a day, already paid for) is stale only after 25 hours.
    const twoHoursAgo = Date.now() - 2 * 3600_000
    expect(isStaleDrafting('drafting', new Date(twoHoursAgo).toISOString(), Date.now(), 'batch msgbatch_01')).toBe(false)
    expect(isStaleDrafting('drafting', new Date(Date.now() - 26 * 3600_000).toISOString(), Date.now(), 'batch msgbatch_01')).toBe(true)
    expect(isStaleDrafting('drafting', new Date(twoHoursAgo).toISOString(), Date.now(), '41')).toBe(true)
  })

  it('submitControl: refuses with the reason outside the submittable stages; names the save when there are unsaved changes', () => {
    expect(submitControl('draft', false)).toEqual({ allowed: true, label: ACTION_LABELS.submit })
    expect(submitControl('changes_requested', true)).toEqual({ allowed: true, label: ACTION_LABELS.saveAndSubmit })
    expect(submitControl('in_review', false)).toMatchObject({ allowed: false, reason: SUBMIT_REFUSALS.in_review })
    for (const stage of ['in_review', 'published', 'rejected']) expect(submitControl(stage, true).allowed).toBe(canSubmit(stage))
  })

  it('draftingControl: the same rule as canDraft (and a stale claim), with the label and the reason', () => {
    expect(draftingControl('new')).toEqual({ allowed: true, label: ACTION_LABELS.sendToDrafting, replacesDraft: false })
    expect(draftingControl('draft_failed')).toMatchObject({ allowed: true, label: ACTION_LABELS.retryDrafting })
    // A question with a draft may be redrafted, but the button says it replaces the draft.
    expect(draftingControl('drafted')).toEqual({ allowed: true, label: ACTION_LABELS.redraft, replacesDraft: true })
    expect(draftingControl('changes_requested')).toMatchObject({ allowed: true, replacesDraft: true })
    expect(draftingControl('in_review')).toMatchObject({ allowed: false, reason: DRAFTING_REFUSALS.in_review })
    expect(draftingControl('drafting', new Date().toISOString())).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/being drafted/),
    })
    expect(draftingControl('drafting', new Date(Date.now() - 2 * 3600_000).toISOString())).toMatchObject({
      allowed: true,
      label: ACTION_LABELS.retryDrafting,
    })
    for (const status of QUESTION_STATUSES) {
      expect(draftingControl(status, new Date().toISOString()).allowed).toBe(canDraft(status))
    }
  })

  it("derives the question's status from its answer's stage and whether it is live", () => {
    expect(questionStatusForAnswer('in_review', false)).toBe('in_review')
    expect(questionStatusForAnswer('awaiting_reviewer', true)).toBe('in_review')
    expect(questionStatusForAnswer('rejected', true)).toBe('published')
    expect(questionStatusForAnswer('rejected', false)).toBe('drafted')
    expect(questionStatusForAnswer('draft', false)).toBe('drafted')
  })

  it('is client-safe: the module imports nothing', () => {
    const source = fs.readFileSync(path.join(root, 'src/lib/workflow/states.ts'), 'utf8')
    expect(source).not.toMatch(/^import /m)
  })

  it('admin components restate no rule: they import the table', () => {
    for (const file of [
      'src/components/admin/answers/SubmitForReviewButton.tsx',
      'src/components/admin/drafting/SendToDraftingButton.tsx',
      'src/components/admin/answers/WorkflowStageStatus.tsx',
    ]) {
      const source = fs.readFileSync(path.join(root, file), 'utf8')
      expect(source).toContain('@/lib/workflow/states')
      expect(source).not.toMatch(/\[\s*'(new|draft)',/)
    }
  })
})

describe('the review lock (issue 12: editing an answer in review)', () => {
  it('locks the stages "withdraw from review" leaves, and an older version cannot be restored over them', () => {
    expect([...LOCKED_STAGES].sort()).toEqual(['awaiting_reviewer', 'in_review'])
    expect(answerTransition('in_review', 'withdraw_review')).toMatchObject({ to: ['draft'], who: ['editor', 'admin'] })
    expect(answerTransition('draft', 'withdraw_review')).toBeNull()
    for (const stage of LOCKED_STAGES) expect(answerTransition(stage, 'restore')).toBeNull()
    expect(isLockedForReview('in_review')).toBe(true)
    expect(isLockedForReview(null)).toBe(false)
  })

  it('every locked field is inside the approval (changing it changes the content hash)', () => {
    const base = {
      question: 1,
      cancerType: 2,
      title: 'A title',
      slug: 'a-title',
      summary: 'A summary.',
      body: { root: { type: 'root', children: [] } },
      questionsToAsk: [{ question: 'Q?', why: 'Why.' }],
      keyTakeaway: 'Take away.',
      citations: [{ source: 3, passageId: 'p-1', quote: 'Quote' }],
      provenance: { draftedBy: 'model' },
    } as unknown as Parameters<typeof contentHash>[0]
    const page = { questionText: 'Q', cancerType: { slug: 's', name: 'S' }, sources: [] }
    const changed: Record<string, unknown> = {
      question: 9,
      cancerType: 8,
      title: 'Another title',
      slug: 'another',
      summary: 'Another.',
      body: { root: { type: 'root', children: [{ type: 'paragraph', children: [] }] } },
      questionsToAsk: [],
      keyTakeaway: 'Other.',
      citations: [],
      provenance: { draftedBy: 'person' },
    }
    for (const field of REVIEWED_FIELDS) {
      expect(contentHash({ ...base, [field]: changed[field] }, page), field).not.toBe(contentHash(base, page))
    }
  })

  it('says who holds the answer and what to do, the same in the admin and in the 409', () => {
    const hold = { stage: 'in_review' as const, reviewers: ['Dr Maya Okafor'], since: '2026-11-29T10:00:00.000Z' }
    expect(reviewHoldLabel(hold)).toBe('In review by Dr Maya Okafor since 29 Nov 2026')
    expect(reviewLockMessage(hold, 'answer')).toBe(
      'This answer is in review by Dr Maya Okafor (since 29 Nov 2026). Withdraw it from review to edit it; the reviewer is told.',
    )
    expect(reviewLockMessage({ stage: 'awaiting_reviewer', reviewers: [], since: null }, 'answer')).toBe(
      'This answer is waiting for a reviewer. Withdraw it from review to edit it.',
    )
  })
})
