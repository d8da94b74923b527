import { addDays } from 'date-fns'
import type { PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { now } from '../clock'
import { relationId } from '../relationId'
import { loadPageContext } from '../workflow/contentHash'
import { ROUTING } from '../workflow/context'
import { assignReviewer, notifyNoReviewer } from '../workflow/assignReviewer'
import { isHighRisk } from '../workflow/publishable'
import { chooseReviewers } from '../workflow/routing'
import { REVIEW_DUE_DAYS } from '../workflow/submitForReview'
import { transitionAnswer } from '../workflow/transitions'

export type ReReview = { stage: 'in_review' | 'awaiting_reviewer'; reviewers: string[] }

/**
 * Sends a published answer back to review because its evidence changed (`evidence_changed`), in the
 * caller's transaction: a new draft version carrying `data` (the flag) goes to the reviewers who
 * approved it last while they are still eligible, else to the least loaded ones, with the same
 * routing and emails as a submission (submitForReview.ts). The live version stays live. A caller
 * routing many answers at once may pass `notifyWaiting: false` and tell the editors once instead.
 */
export async function routeForReReview(
  req: PayloadRequest,
  answer: Answer,
  data: Partial<Answer>,
  why: string,
  { notifyWaiting = true }: { notifyWaiting?: boolean } = {},
): Promise<ReReview> {
  const highRisk = isHighRisk(answer, await loadPageContext(req, answer))
  const preferred = (answer.reviewedBy ?? []).map((reviewer) => relationId(reviewer)!)
  const routing = await chooseReviewers({ ...answer, highRisk }, req, preferred)
  const due = addDays(now(), REVIEW_DUE_DAYS).toISOString()
  await transitionAnswer(req, answer, 'evidence_changed', {
    to: routing.waiting ? 'awaiting_reviewer' : 'in_review',
    data: {
      ...data,
      highRisk,
      assignedReviewers: routing.waiting ? [] : routing.reviewers.map((reviewer) => reviewer.id),
      reviewDueAt: routing.waiting ? null : due,
      reviewRemindedAt: null,
      reviewEscalatedAt: null,
    },
    why: routing.waiting
      ? `${why} No eligible reviewer with capacity (${routing.required} needed).`
      : `${why} Routed to ${routing.reviewers.map((reviewer) => reviewer.name).join(' and ')}.`,
    context: { [ROUTING]: true },
  })
  if (routing.waiting) {
    if (!notifyWaiting) return { stage: 'awaiting_reviewer', reviewers: [] }
    await notifyNoReviewer(
      req,
      answer,
      `The evidence of the published answer "${answer.title}" changed and it needs ${routing.required} reviewer(s), but ${routing.reviewers.length} eligible reviewer(s) with capacity are available.`,
    )
  } else {
    for (const reviewer of routing.reviewers) {
      await assignReviewer(
        req,
        answer,
        reviewer,
        `A guideline passage cited by this published answer changed. Please review the claims that rest on it (the old and new text are shown side by side):\n\n${answer.title}\n\nDue: ${due.slice(0, 10)}`,
      )
    }
  }
  return { stage: routing.waiting ? 'awaiting_reviewer' : 'in_review', reviewers: routing.reviewers.map((reviewer) => reviewer.name) }
}
