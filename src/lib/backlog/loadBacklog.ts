import type { PayloadRequest, Where } from 'payload'
import { validDocumentId } from '../http/params'

import type { Answer, CancerType, Question, User } from '@/payload-types'
import { QUESTION_STATUSES } from '@/lib/workflow/states'
import { ANSWERS, CANCER_TYPES, QUESTIONS, USERS } from '@collections/slugs'
import { relationId } from '../relationId'

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const
export const BACKLOG_SORTS = { oldest: 'Oldest first', newest: 'Newest first', priority: 'Most urgent first' } as const
export type BacklogSort = keyof typeof BACKLOG_SORTS
export const BACKLOG_LIMIT = 500

export type BacklogFilters = {
  status?: Question['status']
  cancerType?: string
  priority?: Question['priority']
  sort: BacklogSort
  /** 1-based page of BACKLOG_LIMIT rows. */
  page: number
}
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
  const pageParam = one('page')
  const page = pageParam && /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : 1
  return { status, priority, sort, cancerType, page }
}

/**
 * The editor's backlog, one page of BACKLOG_LIMIT questions: with their cancer type, assigned
 * reviewers and last change. Four queries whatever the number of rows (questions, their answers,
 * reviewers, cancer types); sorting by urgency counts each level and reads the one or two pages of
 * the levels the page falls in.
 */
export async function loadBacklog(req: PayloadRequest, filters: BacklogFilters, { pageSize = BACKLOG_LIMIT }: { pageSize?: number } = {}) {
  const { payload } = req
  const and: Where[] = []
  if (filters.status) and.push({ status: { equals: filters.status } })
  else and.push({ status: { not_in: ['archived', 'duplicate', 'published'] } })
  if (filters.priority) and.push({ priority: { equals: filters.priority } })
  // A value that can name no cancer type (a slug typed by hand, an old bookmark) filters nothing.
  const cancerType = validDocumentId(payload.db.defaultIDType, filters.cancerType)
  if (cancerType !== undefined) and.push({ cancerType: { equals: cancerType } })
  const access = { overrideAccess: false, user: req.user, req } as const
  const page = (where: Where, pageNumber: number) =>
    payload.find({
      collection: QUESTIONS,
      where,
      sort: filters.sort === 'newest' ? '-submittedAt' : 'submittedAt',
      limit: pageSize,
      page: pageNumber,
      // Only what a row shows: a whole question also brings its answers (a join, read per row) and
      // its notes, for up to 500 rows.
      select: QUESTION_ROW_SELECT,
      joins: false,
      depth: 0,
      ...access,
    })
  let questions: { docs: QuestionRow[]; totalDocs: number }
  if (filters.sort === 'priority' && !filters.priority) {
    // Priority is a text option, so the database cannot order by urgency: the levels in turn, most
    // urgent first, oldest first within a level. The page's rows start `skip` rows into the first
    // level it reaches; those rows lie in one or two of the level's own pages of `pageSize`.
    questions = { docs: [], totalDocs: 0 }
    let skip = (filters.page - 1) * pageSize
    for (const priority of PRIORITIES) {
      const where: Where = { and: [...and, { priority: { equals: priority } }] }
      const { totalDocs } = await payload.count({ collection: QUESTIONS, where, ...access })
      questions.totalDocs += totalDocs
      const wanted = Math.min(pageSize - questions.docs.length, totalDocs - skip)
      if (wanted <= 0) {
        skip = Math.max(0, skip - totalDocs)
        continue
      }
      const first = Math.floor(skip / pageSize) + 1
      let rows = (await page(where, first)).docs.slice(skip - (first - 1) * pageSize)
      if (rows.length < wanted) rows = rows.concat((await page(where, first + 1)).docs)
      questions.docs.push(...rows.slice(0, wanted))
      skip = 0
    }
  } else {
    questions = await page({ and }, filters.page)
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
