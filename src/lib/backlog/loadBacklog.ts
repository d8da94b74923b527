import type { PayloadRequest, Where } from 'payload'

import type { Answer, CancerType, Question, User } from '@/payload-types'
import { QUESTION_STATUSES } from '@/lib/workflow/states'
import { ANSWERS, CANCER_TYPES, QUESTIONS, USERS } from '@collections/slugs'
import { relationId } from '../relationId'

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const
export const BACKLOG_SORTS = { oldest: 'Oldest first', newest: 'Newest first', priority: 'Most urgent first' } as const
export type BacklogSort = keyof typeof BACKLOG_SORTS
export const BACKLOG_LIMIT = 500

export type BacklogFilters = { status?: Question['status']; cancerType?: string; priority?: Question['priority']; sort: BacklogSort }
export type BacklogRow = {
  id: string
  text: string
  cancerType: string
  status: Question['status']
  priority: Question['priority']
  submittedAt: string
  reviewers: string[]
  lastChange: string
  failureReason: string | null
}

/** The fields of a question that a backlog row shows. */
const QUESTION_ROW_SELECT = {
  text: true,
  cancerType: true,
  status: true,
  priority: true,
  submittedAt: true,
  updatedAt: true,
  draftFailureReason: true,
} as const
type QuestionRow = Pick<Question, 'id' | keyof typeof QUESTION_ROW_SELECT>

/** Reads the filters from the URL, ignoring values that are not real options. */
export function parseBacklogFilters(params: Record<string, string | string[] | undefined>): BacklogFilters {
  const one = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined)
  const status = QUESTION_STATUSES.find((value) => value === one('status'))
  const priority = PRIORITIES.find((value) => value === one('priority'))
  const sort = (Object.keys(BACKLOG_SORTS) as BacklogSort[]).find((value) => value === one('sort')) ?? 'oldest'
  const cancerType = one('cancerType')?.match(/^[\w-]{1,64}$/)?.[0]
  return { status, priority, sort, cancerType }
}

/**
 * The editor's backlog: questions with their cancer type, assigned reviewers and last change.
 * Four queries whatever the number of rows (questions, their answers, reviewers, cancer types),
 * three more when sorting by urgency.
 */
export async function loadBacklog(req: PayloadRequest, filters: BacklogFilters) {
  const { payload } = req
  const and: Where[] = []
  if (filters.status) and.push({ status: { equals: filters.status } })
  else and.push({ status: { not_in: ['archived', 'duplicate', 'published'] } })
  if (filters.priority) and.push({ priority: { equals: filters.priority } })
  if (filters.cancerType) and.push({ cancerType: { equals: filters.cancerType } })
  const page = (where: Where, limit: number) =>
    payload.find({
      collection: QUESTIONS,
      where,
      sort: filters.sort === 'newest' ? '-submittedAt' : 'submittedAt',
      limit,
      // Only what a row shows: a whole question also brings its answers (a join, read per row) and
      // its notes, for up to 500 rows.
      select: QUESTION_ROW_SELECT,
      joins: false,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
  let questions: { docs: QuestionRow[]; totalDocs: number }
  if (filters.sort === 'priority' && !filters.priority) {
    // Priority is a text option, so the database cannot order by urgency: one query per level, most
    // urgent first, oldest first within a level, until the page is full.
    questions = { docs: [], totalDocs: 0 }
    for (const priority of PRIORITIES) {
      const level = await page({ and: [...and, { priority: { equals: priority } }] }, Math.max(BACKLOG_LIMIT - questions.docs.length, 1))
      questions.totalDocs += level.totalDocs
      if (questions.docs.length < BACKLOG_LIMIT) questions.docs.push(...level.docs.slice(0, BACKLOG_LIMIT - questions.docs.length))
    }
  } else {
    questions = await page({ and }, BACKLOG_LIMIT)
  }
  const ids = questions.docs.map((question) => question.id)
  const { docs: answers } = ids.length
    ? await payload.find({
        collection: ANSWERS,
        where: { question: { in: ids } },
        select: { question: true, assignedReviewers: true, updatedAt: true },
        // Oldest first, so that each question's newest answer wins below, as in bulk "submit".
        sort: 'updatedAt',
        pagination: false,
        depth: 0,
        draft: true,
        overrideAccess: true,
        req,
      })
    : { docs: [] as Answer[] }
  const reviewerIds = [
    ...new Set((answers as Answer[]).flatMap((answer) => (answer.assignedReviewers ?? []).map((reviewer) => String(relationId(reviewer))))),
  ]
  const { docs: reviewers } = reviewerIds.length
    ? await payload.find({
        collection: USERS,
        where: { id: { in: reviewerIds } },
        select: { name: true },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] as User[] }
  const { docs: cancerTypes } = await payload.find({
    collection: CANCER_TYPES,
    sort: 'name',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })

  const typeName = new Map((cancerTypes as CancerType[]).map((type) => [String(type.id), type.name]))
  const reviewerName = new Map((reviewers as User[]).map((reviewer) => [String(reviewer.id), reviewer.name]))
  const answerOf = new Map((answers as Answer[]).map((answer) => [String(relationId(answer.question)), answer]))
  const rows: BacklogRow[] = questions.docs.map((question) => {
    const answer = answerOf.get(String(question.id))
    const lastChange = [question.updatedAt, answer?.updatedAt].filter(Boolean).sort().at(-1)!
    return {
      id: String(question.id),
      text: question.text,
      cancerType: typeName.get(String(relationId(question.cancerType))) ?? '',
      status: question.status,
      priority: question.priority,
      submittedAt: question.submittedAt,
      reviewers: (answer?.assignedReviewers ?? []).map((reviewer) => reviewerName.get(String(relationId(reviewer))) ?? 'unknown'),
      lastChange,
      failureReason: question.draftFailureReason ?? null,
    }
  })
  // Ages on the page ("waiting 3 days") are counted from the moment the rows were read.
  return {
    rows,
    loadedAt: Date.now(),
    totalDocs: questions.totalDocs,
    cancerTypes: (cancerTypes as CancerType[]).map((type) => ({ id: String(type.id), name: type.name })),
  }
}
