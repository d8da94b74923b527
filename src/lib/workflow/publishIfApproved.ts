import { addMonths } from 'date-fns'
import type { PayloadRequest } from 'payload'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { ANSWERS, APPROVALS, CANCER_TYPES, GUIDELINE_SOURCES, QUESTIONS, USERS } from '../../../collections/slugs'
import { relationId, type Id } from '../relationId'
import { contentHash } from './contentHash'
import { PUBLISH_VIA_APPROVAL_RULE } from './context'
import { buildPublicAnswer } from '../public/publicAnswer'
import { searchTextOf } from '../public/searchText'

const DEFAULT_REVIEW_INTERVAL_MONTHS = 12

export function requiredApprovals(answer: { highRisk?: boolean | null }): number {
  return answer.highRisk ? 2 : 1
}

export type PublishOutcome = { published: boolean; approvals: number; required: number; contentHash: string }

/**
 * The approval rule, and the only code that publishes an answer: when enough distinct reviewers
 * approved the hash of the answer's current version, that version goes live with its review record.
 */
export async function publishIfApproved(answerId: Id, req: PayloadRequest): Promise<PublishOutcome> {
  const { payload } = req
  const answer = await payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: true, req })
  const hash = contentHash(answer)
  const { docs: approvals } = await payload.find({
    collection: APPROVALS,
    where: { and: [{ answer: { equals: answerId } }, { contentHash: { equals: hash } }, { decision: { equals: 'approve' } }] },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const approverIds = [...new Set(approvals.map((approval) => String(relationId(approval.reviewer))))]
  const required = requiredApprovals(answer)
  const outcome = { published: false, approvals: approverIds.length, required, contentHash: hash }
  if (approverIds.length < required) return outcome

  const { docs: reviewers } = await payload.find({
    collection: USERS,
    where: { id: { in: approverIds } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  await publishAnswer(req, answer, { reviewers: reviewers as User[] })
  return { ...outcome, published: true }
}

/**
 * Makes the answer's current version live with its public record. Called by the approval rule, and
 * by the admin override, which has no reviewers and records who overrode and why instead.
 */
export async function publishAnswer(
  req: PayloadRequest,
  answer: Answer,
  { reviewers, override }: { reviewers: User[]; override?: { by: User; reason: string } },
): Promise<void> {
  const { payload } = req
  const answerId = answer.id
  const cancerType = (await payload.findByID({
    collection: CANCER_TYPES,
    id: relationId(answer.cancerType)!,
    depth: 0,
    overrideAccess: true,
    req,
  })) as CancerType
  const sourceIds = [...new Set((answer.citations ?? []).map((citation) => String(relationId(citation.source))))]
  const { docs: sources } = await payload.find({
    collection: GUIDELINE_SOURCES,
    where: { id: { in: sourceIds } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const now = new Date()
  const question = await payload.findByID({ collection: QUESTIONS, id: relationId(answer.question)!, depth: 0, overrideAccess: true, req })
  const publishedAt = answer.publishedAt ?? now.toISOString()
  const nextReviewDue = addMonths(now, cancerType.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS).toISOString()
  const publicJson = buildPublicAnswer({
    answer,
    questionText: question.text,
    cancerType,
    sources: sources as GuidelineSource[],
    reviewers,
    override: override ? { byName: override.by.name, reason: override.reason } : undefined,
    publishedAt,
    lastReviewedAt: now.toISOString(),
    nextReviewDue,
  })
  await payload.update({
    collection: ANSWERS,
    id: answerId,
    data: {
      _status: 'published',
      workflowStage: 'published',
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
      reviewCredits: publicJson.reviewedBy,
      sourceCredits: publicJson.sources,
    },
    context: { [PUBLISH_VIA_APPROVAL_RULE]: true },
    overrideAccess: true,
    req,
  })
  await payload.update({
    collection: QUESTIONS,
    id: relationId(answer.question)!,
    data: { status: 'published' },
    overrideAccess: true,
    req,
  })
}
