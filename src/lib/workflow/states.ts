/**
 * The editorial workflow as data: statuses, stages, the transition table and its guards. Client-safe
 * (no server imports): the collections, the server's transition module (./transitions.ts), the admin
 * components and the tests all read the rules from here, so nothing restates them.
 */

export const QUESTION_STATUSES = [
  'new',
  'drafting',
  'drafted',
  'in_review',
  'published',
  'draft_failed',
  'changes_requested',
  'archived',
  'duplicate',
] as const
export type QuestionStatus = (typeof QUESTION_STATUSES)[number]

/**
 * An answer's stages. There is no "approved" stage: the approval rule publishes in the same
 * transaction as the deciding approval, so an approved answer is never observable before it is
 * published (a high-risk answer with one of two approvals is still "in review").
 */
export const ANSWER_STAGES = ['draft', 'awaiting_reviewer', 'in_review', 'changes_requested', 'published', 'rejected'] as const
export type AnswerStage = (typeof ANSWER_STAGES)[number]

export type Actor = 'editor' | 'reviewer' | 'admin' | 'system'

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  new: 'New',
  drafting: 'Drafting',
  drafted: 'Drafted',
  in_review: 'In review',
  published: 'Published',
  draft_failed: 'Draft failed',
  changes_requested: 'Changes requested',
  archived: 'Archived',
  duplicate: 'Duplicate',
}

export const ANSWER_STAGE_LABELS: Record<AnswerStage, string> = {
  draft: 'Draft',
  awaiting_reviewer: 'Awaiting a reviewer',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  published: 'Published',
  rejected: 'Rejected',
}

export type AnswerEvent =
  | 'draft_saved'
  | 'submit'
  | 'route'
  | 'reviewer_removed'
  | 'request_changes'
  | 'reject'
  | 'publish'
  | 'unpublish'
  | 'content_changed'
  | 'restore'
  | 'withdraw_review'
  | 'review_due'
  | 'withdraw_live'
  | 'evidence_changed'

export type AnswerTransition = { from: readonly AnswerStage[]; event: AnswerEvent; to: readonly AnswerStage[]; who: readonly Actor[] }

const ANY_STAGE = ANSWER_STAGES

/** The answer's transition table. `to` lists every stage the event may lead to (routing decides). */
/** Who may take an answer out of review (the endpoint, and the banner that offers the button). */
export const WITHDRAW_REVIEW_ROLES = ['editor', 'admin'] as const satisfies readonly Actor[]

export const ANSWER_TRANSITIONS: readonly AnswerTransition[] = [
  // A new draft from the drafter replaces one that is not under review.
  { from: ['draft', 'changes_requested', 'rejected', 'published'], event: 'draft_saved', to: ['draft'], who: ['system'] },
  {
    from: ['draft', 'changes_requested', 'awaiting_reviewer'],
    event: 'submit',
    to: ['in_review', 'awaiting_reviewer'],
    who: ['editor', 'admin', 'system'],
  },
  { from: ['awaiting_reviewer'], event: 'route', to: ['in_review', 'awaiting_reviewer'], who: ['system'] },
  { from: ['in_review'], event: 'reviewer_removed', to: ['in_review', 'awaiting_reviewer'], who: ['system'] },
  { from: ['in_review'], event: 'request_changes', to: ['changes_requested'], who: ['reviewer'] },
  { from: ['in_review'], event: 'reject', to: ['rejected'], who: ['reviewer'] },
  // The approval rule (enough approvals of the exact content) or an admin's recorded override.
  { from: ANY_STAGE, event: 'publish', to: ['published'], who: ['system', 'admin'] },
  {
    from: ['published', 'draft', 'changes_requested', 'rejected', 'in_review', 'awaiting_reviewer'],
    event: 'unpublish',
    to: ['draft'],
    who: ['admin'],
  },
  // New content on a closed answer is a new draft that must be reviewed again.
  { from: ['published', 'rejected'], event: 'content_changed', to: ['draft'], who: ['editor', 'admin'] },
  // Restoring an old version is new content: not under a reviewer (withdraw it from review first).
  { from: ['draft', 'changes_requested', 'published', 'rejected'], event: 'restore', to: ['draft'], who: ['editor', 'admin'] },
  // Stopping a review is an explicit, recorded act that tells the reviewer (README "Editing an answer in review").
  { from: ['in_review', 'awaiting_reviewer'], event: 'withdraw_review', to: ['draft'], who: WITHDRAW_REVIEW_ROLES },
  // Its periodic review falls due (the cancer type's lead time before nextReviewDue): the live version
  // goes back to a reviewer, and stays live meanwhile (src/lib/lifecycle/periodicReview.ts).
  { from: ['published'], event: 'review_due', to: ['in_review', 'awaiting_reviewer'], who: ['system'] },
  // The live version is taken offline by the lifecycle policy (a safety correction, an evidence notice
  // that ran out, an overdue review). It does not change the editorial stage: a review under way goes
  // on, and the answer goes live again when its new version is approved (src/lib/lifecycle/livePolicy.ts).
  { from: ANY_STAGE, event: 'withdraw_live', to: ANY_STAGE, who: ['system'] },
  // A passage a published answer cites changed (its text, or its source was superseded): it is
  // routed for review again while the live version stays live (README "Evidence binding").
  { from: ['published'], event: 'evidence_changed', to: ['in_review', 'awaiting_reviewer'], who: ['system'] },
]

/** The rule for `event` from `from`, or null when the event is not allowed there. */
export function answerTransition(from: AnswerStage, event: AnswerEvent): AnswerTransition | null {
  return ANSWER_TRANSITIONS.find((rule) => rule.event === event && rule.from.includes(from)) ?? null
}

export function canAnswer(from: AnswerStage | null | undefined, event: AnswerEvent): boolean {
  return answerTransition(from ?? 'draft', event) !== null
}

export type QuestionEvent =
  | 'queue_draft'
  | 'draft_saved'
  | 'draft_retry'
  | 'draft_failed'
  | 'release'
  | 'archive'
  | 'mark_duplicate'
  | 'reopen'
  | 'answer_changed'
  | 'answer_deleted'

export type QuestionTransition = {
  from: readonly QuestionStatus[]
  event: QuestionEvent
  to: readonly QuestionStatus[]
  who: readonly Actor[]
}

/** A question can be (re)drafted from these statuses; anything else already has work under way. */
export const DRAFTABLE_STATUSES: readonly QuestionStatus[] = ['new', 'draft_failed', 'drafted', 'changes_requested']

/**
 * Statuses in which the question's answer is under review or live, so it cannot be shelved. A
 * question being drafted can be: the drafter then discards its draft rather than undo the editor.
 */
export const SHELVING_REFUSALS: Partial<Record<QuestionStatus, string>> = {
  in_review: 'Its answer is in review; the reviewer decides first',
  published: 'It has a published answer; an admin must take that offline first',
}

/** Why a question in this status cannot be sent to drafting. */
export const DRAFTING_REFUSALS: Partial<Record<QuestionStatus, string>> = {
  in_review: 'This question has an answer in review; edit that answer instead of drafting a new one',
  published: 'This question has a published answer; edit that answer (the live version stays until the new one is approved)',
  archived: 'This question is archived; reopen it first',
  duplicate: 'This question is marked as a duplicate; draft the original question instead',
}

const SHELVABLE: readonly QuestionStatus[] = ['new', 'drafting', 'drafted', 'draft_failed', 'changes_requested', 'archived', 'duplicate']

/** The question's transition table. "answer_changed" is derived from its answer's stage. */
export const QUESTION_TRANSITIONS: readonly QuestionTransition[] = [
  { from: DRAFTABLE_STATUSES, event: 'queue_draft', to: ['drafting'], who: ['editor', 'admin', 'system'] },
  // A drafting claim whose job was lost (a restart) may be claimed again after STALE_DRAFTING_MS.
  { from: ['drafting'], event: 'draft_retry', to: ['drafting'], who: ['editor', 'admin', 'system'] },
  { from: ['drafting'], event: 'draft_saved', to: ['drafted'], who: ['system'] },
  { from: ['drafting'], event: 'draft_failed', to: ['draft_failed', 'drafting'], who: ['system'] },
  // Queueing a batch failed after the questions were claimed: they are released.
  { from: ['drafting'], event: 'release', to: ['new'], who: ['system'] },
  { from: SHELVABLE.filter((s) => s !== 'archived'), event: 'archive', to: ['archived'], who: ['editor', 'admin'] },
  { from: SHELVABLE.filter((s) => s !== 'duplicate'), event: 'mark_duplicate', to: ['duplicate'], who: ['editor', 'admin'] },
  // Back to what its answer says (questionStatusForAnswer), or new without one.
  {
    from: ['archived', 'duplicate'],
    event: 'reopen',
    to: ['new', 'drafted', 'changes_requested', 'in_review', 'published'],
    who: ['editor', 'admin'],
  },
  // An editor's archive or duplicate mark stands whatever happens to the answer.
  {
    from: QUESTION_STATUSES.filter((s) => s !== 'archived' && s !== 'duplicate'),
    event: 'answer_changed',
    to: ['drafted', 'in_review', 'changes_requested', 'published'],
    who: ['system'],
  },
  // Its answer was deleted (never one in review: that is refused): the question is unanswered again.
  { from: QUESTION_STATUSES.filter((s) => s !== 'archived' && s !== 'duplicate'), event: 'answer_deleted', to: ['new'], who: ['system'] },
]

export function questionTransition(from: QuestionStatus, event: QuestionEvent): QuestionTransition | null {
  return QUESTION_TRANSITIONS.find((rule) => rule.event === event && rule.from.includes(from)) ?? null
}

/**
 * A question's status follows its answer: derived from the answer's stage and whether a version of
 * it is live. A draft over a live answer leaves the question "published" (patients still see it).
 */
export function questionStatusForAnswer(stage: AnswerStage | null | undefined, live: boolean): QuestionStatus {
  switch (stage) {
    case 'awaiting_reviewer':
    case 'in_review':
      return 'in_review'
    case 'changes_requested':
      return 'changes_requested'
    case 'published':
      return 'published'
    default:
      return live ? 'published' : 'drafted'
  }
}

/** Stages in which an editor may submit the saved draft for review. */
export const SUBMITTABLE_STAGES: readonly AnswerStage[] = ANSWER_TRANSITIONS.find((rule) => rule.event === 'submit')!.from

export function canSubmit(stage: string | null | undefined): boolean {
  return SUBMITTABLE_STAGES.includes((stage ?? 'draft') as AnswerStage)
}

export function canDraft(status: string | null | undefined): boolean {
  return DRAFTABLE_STATUSES.includes((status ?? 'new') as QuestionStatus)
}

/** A "drafting" claim older than this lost its job (a restart) and may be sent again. */
export const STALE_DRAFTING_MS = 60 * 60 * 1000
/**
 * A question waiting in a Message Batch (draftJobId "batch msgbatch_..."): a batch runs up to 24
 * hours, paid for from its submission, so the question is not offered again until a day has passed
 * on top; a second draft meanwhile would be paid for twice (the batch's result is then discarded).
 */
export const STALE_BATCH_DRAFTING_MS = 25 * 60 * 60 * 1000

export const staleDraftingAfterMs = (draftJobId?: string | null): number =>
  draftJobId?.startsWith('batch ') ? STALE_BATCH_DRAFTING_MS : STALE_DRAFTING_MS

export function isStaleDrafting(
  status: string | null | undefined,
  lastAttemptAt: string | null | undefined,
  now = Date.now(),
  draftJobId?: string | null,
): boolean {
  return status === 'drafting' && (!lastAttemptAt || now - new Date(lastAttemptAt).getTime() > staleDraftingAfterMs(draftJobId))
}

/** The names of the workflow's buttons, the same wherever they appear (sidebar, backlog, guide). */
export const ACTION_LABELS = {
  sendToDrafting: 'Send to drafting',
  retryDrafting: 'Retry drafting',
  redraft: 'Redraft (replaces the current draft)',
  submit: 'Submit for review',
  saveAndSubmit: 'Save and submit for review',
} as const

/** Why an answer in this stage cannot be submitted (the admin shows it beside the disabled button). */
/** Why the answer of a question an editor shelved cannot go to a reviewer (the shelving stands until reopened). */
export const SUBMIT_QUESTION_REFUSALS: Partial<Record<QuestionStatus, string>> = {
  archived: 'its question is archived; reopen the question first',
  duplicate: 'its question is marked as a duplicate; reopen it, or answer the original question',
}

export const SUBMIT_REFUSALS: Partial<Record<AnswerStage, string>> = {
  in_review: 'It is in review: the reviewer decides first (withdraw it from review to change it)',
  published: 'It is published: edit it and save a draft to start a new review',
  rejected: 'It was rejected: edit it and save a draft to start a new review',
}

export type SubmitControl = { allowed: boolean; label: string; reason?: string }

/**
 * The Submit button of an answer in `stage` whose question is in `questionStatus` (the same refusals
 * as submitForReview). With unsaved changes it saves them first (never submits the saved version
 * while the screen shows something else), and says so on the button.
 */
export function submitControl(stage: string | null | undefined, unsaved: boolean, questionStatus?: string | null): SubmitControl {
  const shelved = questionStatus ? SUBMIT_QUESTION_REFUSALS[questionStatus as QuestionStatus] : undefined
  if (shelved) return { allowed: false, label: ACTION_LABELS.submit, reason: `This answer cannot be submitted: ${shelved}` }
  if (!canSubmit(stage)) {
    return {
      allowed: false,
      label: ACTION_LABELS.submit,
      reason: SUBMIT_REFUSALS[stage as AnswerStage] ?? `An answer in stage "${answerStageLabel(stage)}" cannot be submitted`,
    }
  }
  return { allowed: true, label: unsaved ? ACTION_LABELS.saveAndSubmit : ACTION_LABELS.submit }
}

/** Statuses in which the question already has a draft that a new drafting run would replace. */
export const HAS_DRAFT_STATUSES: readonly QuestionStatus[] = ['drafted', 'changes_requested']

export type DraftingControl = { allowed: boolean; label: string; reason?: string; replacesDraft: boolean }

/**
 * The "Send to drafting" control of a question: whether it may be drafted now (the same rule the
 * server applies in claimForDrafting), under which name, and why not. A question that has a draft
 * can be redrafted, but the button says that this replaces the draft (its versions stay in history).
 */
export function draftingControl(
  status: string | null | undefined,
  lastAttemptAt?: string | null,
  now = Date.now(),
  draftJobId?: string | null,
): DraftingControl {
  if (isStaleDrafting(status, lastAttemptAt, now, draftJobId))
    return { allowed: true, label: ACTION_LABELS.retryDrafting, replacesDraft: false }
  if (status === 'drafting') {
    return { allowed: false, label: ACTION_LABELS.sendToDrafting, reason: DRAFTING_IN_PROGRESS, replacesDraft: false }
  }
  if (!canDraft(status)) {
    return {
      allowed: false,
      label: ACTION_LABELS.sendToDrafting,
      reason: DRAFTING_REFUSALS[status as QuestionStatus] ?? `A question in status "${questionStatusLabel(status)}" cannot be drafted`,
      replacesDraft: false,
    }
  }
  if (status === 'draft_failed') return { allowed: true, label: ACTION_LABELS.retryDrafting, replacesDraft: false }
  const replacesDraft = HAS_DRAFT_STATUSES.includes(status as QuestionStatus)
  return { allowed: true, label: replacesDraft ? ACTION_LABELS.redraft : ACTION_LABELS.sendToDrafting, replacesDraft }
}

/** Shown while a question's draft job has not finished. */
export const DRAFTING_IN_PROGRESS = 'This question is being drafted now; the draft appears here when the job has run'

export const questionStatusLabel = (status: string | null | undefined): string =>
  QUESTION_STATUS_LABELS[status as QuestionStatus] ?? String(status ?? '')
export const answerStageLabel = (stage: string | null | undefined): string =>
  ANSWER_STAGE_LABELS[(stage ?? 'draft') as AnswerStage] ?? String(stage)

/**
 * While a reviewer holds an answer (in review, or waiting for one), what they approve is locked: an
 * approval binds the exact content (its hash), so an edit under them would silently void their
 * work. To edit, an editor withdraws it from review, which tells the reviewer. The stages are those
 * the "withdraw_review" event leaves.
 */
export const LOCKED_STAGES: readonly AnswerStage[] = ANSWER_TRANSITIONS.find((rule) => rule.event === 'withdraw_review')!.from

export function isLockedForReview(stage: string | null | undefined): boolean {
  return LOCKED_STAGES.includes((stage ?? 'draft') as AnswerStage)
}

/**
 * The answer's own fields a reviewer approves: the content hash (contentHash.ts) covers exactly
 * these, plus the question's text and what the page shows of the cancer type and cited sources.
 * Locked while the answer is in review (server and admin read this list).
 */
export const REVIEWED_FIELDS = [
  'question',
  'cancerType',
  'title',
  'slug',
  'summary',
  'body',
  'questionsToAsk',
  'keyTakeaway',
  'citations',
  'provenance',
] as const
export type ReviewedField = (typeof REVIEWED_FIELDS)[number]

/** Who holds a locked answer and since when (an ISO date), as the server reads it. */
export type ReviewHold = { stage: AnswerStage; reviewers: string[]; since: string | null }

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** "29 Nov 2026": the same on the server and in the browser (UTC). */
export const formatDay = (iso: string | null | undefined): string => (iso ? DAY.format(new Date(iso)) : '')

const listNames = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`

/** "In review by Dr Maya Okafor since 29 Nov 2026": the admin's banner and the refusals say the same. */
export function reviewHoldLabel(hold: ReviewHold): string {
  const since = hold.since ? ` since ${formatDay(hold.since)}` : ''
  if (hold.stage === 'in_review' && hold.reviewers.length > 0) return `In review by ${listNames(hold.reviewers)}${since}`
  return `${ANSWER_STAGE_LABELS[hold.stage]}${since}`
}

/** The 409 for an edit of locked content: who holds it, and what to do instead. */
export function reviewLockMessage(hold: ReviewHold, subject: 'answer' | 'question' | 'delete'): string {
  const since = hold.since ? ` (since ${formatDay(hold.since)})` : ''
  const held =
    hold.stage === 'in_review' && hold.reviewers.length > 0
      ? `in review by ${listNames(hold.reviewers)}${since}`
      : `waiting for a reviewer${since}`
  const told =
    hold.stage === 'in_review' && hold.reviewers.length > 0 ? `; the reviewer${hold.reviewers.length > 1 ? 's are' : ' is'} told` : ''
  if (subject === 'delete') return `This answer is ${held}. Withdraw it from review before deleting it${told}.`
  return subject === 'answer'
    ? `This answer is ${held}. Withdraw it from review to edit it${told}.`
    : `The answer to this question is ${held}, and the question's wording is part of what the reviewer approves. Withdraw the answer from review to edit the question${told}.`
}

/** The longest reason an editor may give for withdrawing an answer from review. */
export const WITHDRAW_REASON_MAX = 1000
