import { addMonths } from 'date-fns'
import type { PayloadRequest } from 'payload'

import type { Answer, CancerType, User } from '@/payload-types'
import { ANSWERS, CANCER_TYPES, USERS } from '@collections/slugs'
import { relationId } from '../relationId'
import { BadRequest, NotFound } from '../errors'
import { contentHash, loadPageContext, type PageDocuments } from './contentHash'
import { PAGE_DOCUMENTS, PUBLISH_VIA_APPROVAL_RULE, ROUTING, withFlags } from './context'
import { assignReviewer, notifyNoReviewer } from './assignReviewer'
import { chooseReviewers } from './routing'
import { reviewerIneligibility } from './reviewerEligibility'
import { transitionAnswer } from './transitions'
import { isHighRisk, publishability, requiredApprovals } from './publishable'
import { buildPublicAnswer } from '../public/publicAnswer'
import { searchTextOf } from '../public/searchText'
import { now as clockNow } from '../clock'
import { spreadReviewDueDate } from '../lifecycle/dueDates'
import { currentReviewCycle, lastDecisionsOn } from './reviewCycle'

const DEFAULT_REVIEW_INTERVAL_MONTHS = 12

/** `published` is the answer as it went live, or null when it still waits for approvals. */
export type PublishOutcome = { published: Answer | null; approvals: number; required: number; contentHash: string }

/**
 * The approval rule, and the only code that publishes an answer: when enough distinct reviewers
 * approved the hash of the answer's current version, that version goes live with its review record.
 */
export async function publishIfApproved(answer: Answer, req: PayloadRequest): Promise<PublishOutcome> {
  const { payload } = req
  const page = await loadPageContext(req, answer)
  const hash = contentHash(answer, page)
  // A reviewer approves this content when their last decision on it in this cycle is an approval:
  // approvals of an earlier cycle (before its last publication) do not count again, and one followed
  // by their request for changes or rejection of the same content no longer vouches for it.
  const lastDecisions = await lastDecisionsOn(req, answer, hash)
  // Only reviewers still assigned and still eligible count: one taken off the answer (deactivated,
  // replaced by an editor) or no longer eligible for it (a conflict declared, the specialty removed,
  // credentials lapsed since they approved) no longer vouches for it, and another must approve.
  const assigned = new Set((answer.assignedReviewers ?? []).map((reviewer) => String(relationId(reviewer))))
  const assignedApprovers = [...lastDecisions]
    .filter(([id, decision]) => decision.decision === 'approve' && assigned.has(id))
    .map(([id]) => id)
  const { docs: approvers } =
    assignedApprovers.length === 0
      ? { docs: [] as User[] }
      : await payload.find({
          collection: USERS,
          where: { id: { in: assignedApprovers } },
          depth: 0,
          pagination: false,
          overrideAccess: true,
          req,
        })
  // The page's other text (question, cited passages) is held while the answer is in review
  // (reviewLock.ts), so its authors are those the decision was checked against: not read again.
  const reviewers = (approvers as User[]).filter((reviewer) => reviewerIneligibility(reviewer, answer, []) === null)
  // The page as it stands decides, not only the flag set at submission: a question edited since
  // to mention children needs two approvals like any other high-risk answer.
  const required = requiredApprovals({ highRisk: isHighRisk(answer, page) })
  const outcome = { published: null, approvals: reviewers.length, required, contentHash: hash }
  if (reviewers.length < required) {
    if (required > requiredApprovals(answer)) await raiseToHighRisk(req, answer)
    return outcome
  }

  // The question was read above for the hash, in this transaction: not again. (The sources are, so
  // the public record lists them in the order of the read, whichever path publishes.)
  const known = { question: { id: relationId(answer.question)!, text: page.questionText } }
  return { ...outcome, published: await publishAnswer(req, answer, { reviewers, known }) }
}

/**
 * The page became high-risk after routing (an edit of the answer or of its question, say to
 * mention children): the answer is marked high-risk and gets a second reviewer, so it waits for a
 * second approval instead of getting stuck with one reviewer for a rule that needs two.
 */
async function raiseToHighRisk(req: PayloadRequest, answer: Answer): Promise<void> {
  const assigned = (answer.assignedReviewers ?? []).map((reviewer) => relationId(reviewer)!)
  const routing = await chooseReviewers({ ...answer, highRisk: true }, req, assigned)
  const added = routing.reviewers.filter((reviewer) => !assigned.map(String).includes(String(reviewer.id)))
  await withFlags(req, { [ROUTING]: true }, (context) =>
    req.payload.update({
      collection: ANSWERS,
      id: answer.id,
      data: { highRisk: true, assignedReviewers: [...(answer.assignedReviewers ?? []), ...added.map((reviewer) => reviewer.id)] },
      draft: true,
      depth: 0,
      overrideAccess: true,
      context,
      req,
    }),
  )
  for (const reviewer of added) {
    await assignReviewer(
      req,
      answer,
      reviewer,
      `This answer became high-risk after it was sent for review and needs a second approval:\n\n${answer.title}`,
    )
  }
  if (added.length === 0) {
    await notifyNoReviewer(
      req,
      answer,
      `"${answer.title}" became high-risk after it was sent for review and needs a second reviewer, but no other eligible reviewer has capacity.`,
    )
  }
}

/**
 * Makes the answer's current version live with its public record. Called by the approval rule, and
 * by the admin override, which has no reviewers and records who overrode and why instead.
 */
export async function publishAnswer(
  req: PayloadRequest,
  answer: Answer,
  {
    reviewers,
    override,
    known,
  }: {
    reviewers: User[]
    override?: { by: User; reason: string }
    /** The answer's question, when the caller read it in this transaction. */
    known?: Pick<PageDocuments, 'question'>
  },
): Promise<Answer> {
  const { payload } = req
  // Whatever led here (the approval rule, the admin override), nothing goes live that Payload would
  // refuse to publish or that lacks a part every answer needs.
  const { missing, invalid } = await publishability(req, answer)
  if (missing.length > 0) throw new BadRequest(`This draft cannot be published: it is missing ${missing.join(', ')}.`)
  if (invalid.length > 0) throw new BadRequest(`This draft cannot be published as it stands. ${invalid.join(' ')}`)
  const cancerType = (await payload.findByID({
    collection: CANCER_TYPES,
    id: relationId(answer.cancerType)!,
    depth: 0,
    overrideAccess: true,
    req,
  })) as CancerType
  // The question (unless the approval rule just read it) and every cited source (the direct answer's
  // and the body's), with the headings of their passages for the numbered references.
  const page = await loadPageContext(req, answer, { ...known, cancerType })
  // Every question has its text: none means the question is gone.
  if (!page.questionText) throw new NotFound(`The question of answer ${answer.id} no longer exists.`)
  const now = clockNow()
  const publishedAt = answer.publishedAt ?? now.toISOString()
  // Spread over the last days of the interval, so answers approved on one day do not fall due on one day.
  const nextReviewDue = (
    await spreadReviewDueDate(req, addMonths(now, cancerType.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS), answer.id)
  ).toISOString()
  const publicJson = buildPublicAnswer({
    answer,
    questionText: page.questionText,
    cancerType,
    sources: page.sources,
    reviewers,
    override: override ? { byName: override.by.name, reason: override.reason } : undefined,
    publishedAt,
    lastReviewedAt: now.toISOString(),
    nextReviewDue,
  })
  return transitionAnswer(req, answer, 'publish', {
    publish: true,
    why: override
      ? `Published by ${override.by.name} without the required approvals: ${override.reason}`
      : `Approved by ${reviewers.map((reviewer) => reviewer.name).join(' and ')}.`,
    data: {
      _status: 'published',
      publishedAt,
      lastReviewedAt: now.toISOString(),
      nextReviewDue,
      publicJson,
      searchText: searchTextOf([publicJson.title, publicJson.summary, publicJson.question]),
      reviewedBy: reviewers.map((reviewer) => reviewer.id),
      publishOverride: override
        ? { by: override.by.id, byName: override.by.name, reason: override.reason, at: now.toISOString() }
        : { by: null, byName: null, reason: null, at: null },
      // The admin's record of the credits, the same ones patients see.
      reviewCycle: currentReviewCycle(answer) + 1,
      // A new approval ends any notice on the live version (evidence changed, review overdue).
      liveNotice: { kind: null, since: null, until: null },
      reviewCredits: publicJson.reviewedBy,
      sourceCredits: publicJson.sources,
    },
    context: {
      [PUBLISH_VIA_APPROVAL_RULE]: true,
      // Read above in this transaction: the save's citation check and content hash do not read them again.
      [PAGE_DOCUMENTS]: {
        question: { id: relationId(answer.question)!, text: page.questionText },
        cancerType,
        sources: new Map(page.sources.map((source) => [String(source.id), source])),
      } satisfies PageDocuments,
    },
  })
}
