import { addDays } from 'date-fns'
import type { Payload } from 'payload'

import type { Answer, CancerType, Question, User } from '@/payload-types'
import { QUESTION_STATUSES } from '@/lib/workflow/states'
import { ANSWER_STAGES as WORKFLOW_STAGES } from '@/lib/workflow/states'
import { ANSWERS, CANCER_TYPES, MODEL_USAGE, QUESTIONS } from '@collections/slugs'
import { relationId } from '../relationId'
import { sumSpend } from '../usage/spend'

export const DUE_SOON_DAYS = 30
const IN_REVIEW: Answer['workflowStage'][] = ['awaiting_reviewer', 'in_review']

export type AnswerLine = { id: string; title: string; cancerType: string; due: string | null }

const countEach = async <T extends string>(values: readonly T[], count: (value: T) => Promise<{ totalDocs: number }>) =>
  Object.fromEntries(await Promise.all(values.map(async (value) => [value, (await count(value)).totalDocs] as const))) as Record<T, number>

/** The editor's home: the pipeline in numbers and the lists that need someone today. */
export async function loadEditorDashboard(payload: Payload, now = new Date()) {
  const common = { overrideAccess: true, depth: 0 } as const
  const questionsByStatus = await countEach(QUESTION_STATUSES, (status) =>
    payload.count({ collection: QUESTIONS, where: { status: { equals: status } }, overrideAccess: true }),
  )
  // An answer's current stage is in its newest version (a draft under review is not in the document row).
  const answersByStage = await countEach(WORKFLOW_STAGES, (stage) =>
    payload.countVersions({
      collection: ANSWERS,
      where: { and: [{ latest: { equals: true } }, { 'version.workflowStage': { equals: stage } }] },
      overrideAccess: true,
    }),
  )
  const { docs: failed } = await payload.find({
    collection: QUESTIONS,
    where: { status: { equals: 'draft_failed' } },
    sort: 'lastDraftAttemptAt',
    limit: 50,
    select: { text: true, draftFailureReason: true, lastDraftAttemptAt: true },
    ...common,
  })
  const { docs: overdue } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { in: IN_REVIEW } }, { reviewDueAt: { less_than: now.toISOString() } }] },
    sort: 'reviewDueAt',
    limit: 50,
    draft: true,
    select: { title: true, cancerType: true, reviewDueAt: true },
    ...common,
  })
  // The checks run on every save, so a flag still stored is one no edit has resolved yet.
  const { docs: flagged, totalDocs: flaggedCount } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { in: IN_REVIEW } }, { 'safetyWarnings.severity': { equals: 'high' } }] },
    sort: 'reviewDueAt',
    limit: 50,
    draft: true,
    select: { title: true, cancerType: true, reviewDueAt: true },
    ...common,
  })
  const { docs: dueSoon } = await payload.find({
    collection: ANSWERS,
    where: {
      and: [{ _status: { equals: 'published' } }, { nextReviewDue: { less_than_equal: addDays(now, DUE_SOON_DAYS).toISOString() } }],
    },
    sort: 'nextReviewDue',
    limit: 50,
    select: { title: true, cancerType: true, nextReviewDue: true },
    ...common,
  })
  const month = now.toISOString().slice(0, 7)
  const { docs: usage } = await payload.find({
    collection: MODEL_USAGE,
    where: { month: { equals: month } },
    select: { costUsd: true },
    pagination: false,
    ...common,
  })
  const typeNames = await cancerTypeNames(payload)
  const line = (answer: Answer, due: string | null | undefined): AnswerLine => ({
    id: String(answer.id),
    title: answer.title,
    cancerType: typeNames.get(String(relationId(answer.cancerType))) ?? '',
    due: due ?? null,
  })
  return {
    questionsByStatus,
    answersByStage,
    failed: (failed as Question[]).map((question) => ({
      id: String(question.id),
      text: question.text,
      reason: question.draftFailureReason ?? 'No reason recorded.',
      at: question.lastDraftAttemptAt ?? null,
    })),
    overdue: (overdue as Answer[]).map((answer) => line(answer, answer.reviewDueAt)),
    dueSoon: (dueSoon as Answer[]).map((answer) => line(answer, answer.nextReviewDue)),
    highSeverityInReview: { count: flaggedCount, answers: (flagged as Answer[]).map((answer) => line(answer, answer.reviewDueAt)) },
    spend: { month, ...spendOf(usage) },
  }
}

/** The dashboard shows the month's spend and calls (the monthly report also counts unpriced calls). */
function spendOf(usage: { costUsd?: number | null }[]) {
  const { costUsd, calls } = sumSpend(usage)
  return { calls, costUsd }
}

/** What waits for this reviewer's decision, the review due soonest first. */
export async function loadReviewQueue(payload: Payload, reviewer: User): Promise<AnswerLine[]> {
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { in: IN_REVIEW } }, { assignedReviewers: { contains: reviewer.id } }] },
    sort: 'reviewDueAt',
    limit: 100,
    draft: true,
    depth: 0,
    select: { title: true, cancerType: true, reviewDueAt: true },
    overrideAccess: true,
  })
  const typeNames = await cancerTypeNames(payload)
  return (docs as Answer[]).map((answer) => ({
    id: String(answer.id),
    title: answer.title,
    cancerType: typeNames.get(String(relationId(answer.cancerType))) ?? '',
    due: answer.reviewDueAt ?? null,
  }))
}

async function cancerTypeNames(payload: Payload) {
  const { docs } = await payload.find({
    collection: CANCER_TYPES,
    select: { name: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return new Map((docs as CancerType[]).map((type) => [String(type.id), type.name]))
}
