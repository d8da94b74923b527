import { addDays } from 'date-fns'
import type { Payload } from 'payload'

import type { Answer, CancerType, Question, User } from '@/payload-types'
import { QUESTION_STATUSES } from '@/lib/workflow/states'
import { ANSWER_STAGES as WORKFLOW_STAGES } from '@/lib/workflow/states'
import { ANSWERS, CANCER_TYPES, MODEL_USAGE, QUESTIONS, USERS } from '@collections/slugs'
import { now as clockNow } from '../clock'
import { credentialIneligibility } from '../credentials/status'
import { relationId } from '../relationId'
import { sumSpend } from '../usage/spend'
import { approvedByReviewer } from '../workflow/reviewCycle'

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
  const { docs: overdue, totalDocs: overdueCount } = await payload.find({
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
  const { docs: dueSoon, totalDocs: dueSoonCount } = await payload.find({
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
    // Each list shows its first 50; its count is of them all.
    overdue: { count: overdueCount, answers: (overdue as Answer[]).map((answer) => line(answer, answer.reviewDueAt)) },
    dueSoon: { count: dueSoonCount, answers: (dueSoon as Answer[]).map((answer) => line(answer, answer.nextReviewDue)) },
    highSeverityInReview: { count: flaggedCount, answers: (flagged as Answer[]).map((answer) => line(answer, answer.reviewDueAt)) },
    spend: { month, ...(await monthSpend(payload, month)) },
  }
}

const keptSpend = new WeakMap<Payload, { token: string; spend: { calls: number; costUsd: number } }>()

/**
 * The month's spend and calls (the monthly report also counts unpriced calls), kept while the month
 * has no new usage row: every draft, repair and claim check writes one, and summing them read every
 * row of the month on each view of the dashboard (6,000 rows: about 250 ms). Usage rows are only
 * ever added (collections/ModelUsage: nobody updates or deletes them), so the month's row count, read
 * from the database on each call (every instance sees every instance's rows), says whether the kept
 * sum is current. Counted before the read it describes: a row added in between only makes the next
 * call read again.
 */
async function monthSpend(payload: Payload, month: string): Promise<{ calls: number; costUsd: number }> {
  const where = { month: { equals: month } }
  const { totalDocs } = await payload.count({ collection: MODEL_USAGE, where, overrideAccess: true })
  const token = `${month}:${totalDocs}`
  const previous = keptSpend.get(payload)
  if (previous?.token === token) return previous.spend
  const { docs } = await payload.find({
    collection: MODEL_USAGE,
    where,
    select: { costUsd: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const { costUsd, calls } = sumSpend(docs)
  const spend = { calls, costUsd }
  keptSpend.set(payload, { token, spend })
  return spend
}

/** The reviews shown on the dashboard; the heading counts them all. */
export const REVIEW_QUEUE_SHOWN = 100

/** What waits for this reviewer's decision, the review due soonest first: the first REVIEW_QUEUE_SHOWN, and how many in all. */
export async function loadReviewQueue(
  payload: Payload,
  reviewer: User,
  { shown = REVIEW_QUEUE_SHOWN }: { shown?: number } = {},
): Promise<{ lines: AnswerLine[]; total: number }> {
  // Every answer in review assigned to them (at most their capacity, 100), less those whose current
  // content their last decision approved: those wait for a second reviewer, not for them.
  const { docs: assigned } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ workflowStage: { equals: 'in_review' } }, { assignedReviewers: { contains: reviewer.id } }] },
    sort: 'reviewDueAt',
    pagination: false,
    draft: true,
    depth: 0,
    select: { title: true, cancerType: true, reviewDueAt: true, contentHash: true, reviewCycle: true, lastReviewedAt: true },
    overrideAccess: true,
  })
  const approved = await approvedByReviewer(payload, reviewer.id, assigned as Answer[])
  const waiting = (assigned as Answer[]).filter((answer) => !approved.has(String(answer.id)))
  const typeNames = await cancerTypeNames(payload)
  const lines = waiting.slice(0, shown).map((answer) => ({
    id: String(answer.id),
    title: answer.title,
    cancerType: typeNames.get(String(relationId(answer.cancerType))) ?? '',
    due: answer.reviewDueAt ?? null,
  }))
  return { lines, total: waiting.length }
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

export const FORECAST_WEEKS = 12

export type ForecastCell = { open: number; periodic: number }
export type ForecastRow = {
  /** null: answers waiting for a reviewer, or published ones whose reviewer is not on record. */
  reviewerId: string | null
  name: string
  /** Not (or no longer) routable: inactive, not a reviewer, or credentials not current. */
  unavailable: boolean
  /** Due before this week and still open. */
  overdue: ForecastCell
  weeks: ForecastCell[]
  total: number
}
export type ReviewerForecast = { weekStarts: string[]; rows: ForecastRow[] }

/**
 * Each reviewer's forecast load per week (issue 14), this week (Monday first) and the next
 * FORECAST_WEEKS - 1: open reviews by the week they are due (each assigned reviewer; answers
 * waiting for one count as unassigned), plus published answers whose next review falls that week,
 * attributed to who reviewed them last. An answer already back in review counts once, as open.
 * Earlier dates count as overdue. Every active reviewer has a row, so idle ones show too.
 */
export async function loadReviewerForecast(payload: Payload, at: Date = clockNow()): Promise<ReviewerForecast> {
  // UTC weeks, Monday first, as every due date is a UTC day (the server's own time zone played no
  // part: east of UTC the weeks began on Sundays).
  const today = calendarDay(at)
  const first = new Date((today - ((at.getUTCDay() + 6) % 7)) * DAY_MS)
  const end = new Date(first.getTime() + FORECAST_WEEKS * WEEK_MS)
  const common = { overrideAccess: true, depth: 0, pagination: false } as const
  const { open, periodic } = await keptForecastAnswers(payload, end)
  const { docs: reviewers } = await payload.find({
    collection: USERS,
    where: { and: [{ roles: { contains: 'reviewer' } }, { active: { equals: true } }] },
    select: { name: true, roles: true, active: true, credentialsVerifiedOn: true, credentialsIntervalMonths: true },
    sort: 'name',
    ...common,
  })

  const rows = new Map<string, ForecastRow>()
  const row = (key: string | null, name: string, unavailable: boolean) => {
    const id = key ?? ''
    if (!rows.has(id)) {
      const weeks = Array.from({ length: FORECAST_WEEKS }, () => ({ open: 0, periodic: 0 }))
      rows.set(id, { reviewerId: key, name, unavailable, overdue: { open: 0, periodic: 0 }, weeks, total: 0 })
    }
    return rows.get(id)!
  }
  for (const reviewer of reviewers as User[]) row(String(reviewer.id), reviewer.name, Boolean(credentialIneligibility(reviewer, at)))
  const firstDay = calendarDay(first)
  const add = (reviewerIds: string[], due: string, kind: keyof ForecastCell) => {
    const week = Math.floor((calendarDay(new Date(due)) - firstDay) / 7)
    for (const id of reviewerIds.length > 0 ? reviewerIds : [null]) {
      const target = row(id, id === null ? 'Unassigned' : '', true)
      if (week < 0) target.overdue[kind] += 1
      else target.weeks[week]![kind] += 1
      target.total += 1
    }
  }
  const reopened = new Set<string>()
  for (const answer of open) {
    reopened.add(answer.id)
    // Waiting for a reviewer, it has no due date yet: it is work for someone now (unassigned).
    const due = answer.due ?? at.toISOString()
    if (Date.parse(due) >= end.getTime()) continue
    add(answer.stage === 'in_review' ? answer.reviewers : [], due, 'open')
  }
  for (const answer of periodic) {
    if (reopened.has(answer.id) || !answer.due) continue
    add(answer.reviewers, answer.due, 'periodic')
  }
  // People with load who are no longer active reviewers: named, and marked unavailable.
  const unnamed = [...rows.values()].filter((r) => r.reviewerId !== null && r.name === '')
  if (unnamed.length > 0) {
    const { docs: people } = await payload.find({
      collection: USERS,
      where: { id: { in: unnamed.map((r) => r.reviewerId!) } },
      select: { name: true },
      ...common,
    })
    const names = new Map((people as User[]).map((person) => [String(person.id), person.name]))
    for (const r of unnamed) r.name = names.get(r.reviewerId!) ?? 'A deleted account'
  }
  return {
    weekStarts: Array.from({ length: FORECAST_WEEKS }, (_, index) =>
      new Date(first.getTime() + index * WEEK_MS).toISOString().slice(0, 10),
    ),
    rows: [...rows.values()].sort(
      (a, b) => Number(a.reviewerId === null) - Number(b.reviewerId === null) || b.total - a.total || a.name.localeCompare(b.name),
    ),
  }
}

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

/**
 * The UTC calendar date as a day number (days since 1970-01-01): the difference of two counts days,
 * without the Dates date-fns builds per call (the forecast takes one per answer, and the production
 * server's Date constructor is Next's slower wrapper).
 */
function calendarDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS)
}

const kept = new WeakMap<Payload, { token: string; end: number; answers: ForecastAnswers }>()

/**
 * forecastAnswers, kept while no answer has changed: reading 600 answers in review and 270 live ones
 * through the Local API is most of the editor's dashboard (each document passes Payload's read
 * transform of every answer field). Every change to what it reads (a save, a publication, a
 * restore, a deletion) adds or removes answer versions, so the newest version and the number of
 * versions, read from the database on each call (every instance sees every instance's writes), tell
 * whether the kept answers are still current. Written before the read it describes: a write in
 * between only makes the next call read again.
 */
async function keptForecastAnswers(payload: Payload, end: Date): Promise<ForecastAnswers> {
  const [newest, { totalDocs }] = await Promise.all([
    payload.findVersions({ collection: ANSWERS, sort: '-createdAt', limit: 1, pagination: false, depth: 0, overrideAccess: true }),
    payload.countVersions({ collection: ANSWERS, overrideAccess: true }),
  ])
  const token = `${newest.docs[0]?.id ?? ''}:${newest.docs[0]?.updatedAt ?? ''}:${totalDocs}`
  const previous = kept.get(payload)
  if (previous && previous.token === token && previous.end === end.getTime()) return previous.answers
  const answers = await forecastAnswers(payload, end)
  kept.set(payload, { token, end: end.getTime(), answers })
  return answers
}

/** What the forecast needs of an answer: its id, stage, reviewers (assigned or last) and due date. */
type ForecastAnswer = { id: string; stage?: string | null; reviewers: string[]; due: string | null }
type ForecastAnswers = { open: ForecastAnswer[]; periodic: ForecastAnswer[] }

/**
 * Every answer in review (its newest version), whatever its due date: one back in review is not
 * also a periodic review; and every live answer whose next review is due before `end`. Only these
 * fields are selected; the answers in review are found through the versions' (latest, stage, review due) index.
 */
export async function forecastAnswers(payload: Payload, end: Date): Promise<ForecastAnswers> {
  const common = { overrideAccess: true, depth: 0, pagination: false } as const
  const { docs: open } = await payload.find({
    collection: ANSWERS,
    where: { workflowStage: { in: IN_REVIEW } },
    draft: true,
    select: { workflowStage: true, assignedReviewers: true, reviewDueAt: true },
    sort: 'reviewDueAt',
    ...common,
  })
  const { docs: periodic } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ _status: { equals: 'published' } }, { nextReviewDue: { less_than: end.toISOString() } }] },
    select: { reviewedBy: true, nextReviewDue: true },
    sort: 'nextReviewDue',
    ...common,
  })
  const ids = (list: Answer['reviewedBy']) => (list ?? []).map((reviewer) => String(relationId(reviewer)))
  return {
    open: (open as Answer[]).map((answer) => ({
      id: String(answer.id),
      stage: answer.workflowStage,
      reviewers: ids(answer.assignedReviewers),
      due: answer.reviewDueAt ?? null,
    })),
    periodic: (periodic as Answer[]).map((answer) => ({
      id: String(answer.id),
      reviewers: ids(answer.reviewedBy),
      due: answer.nextReviewDue ?? null,
    })),
  }
}
