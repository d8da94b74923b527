/**
 * A reviewer who joins a review under way (a replacement by routing, an editor's reassignment) gets
 * at least a week, and never a due date earlier than the review's own: a periodic review is due on
 * the live version's review date, up to the cancer type's lead time away, and must not be reported
 * overdue before it.
 */
import { addDays, subDays } from 'date-fns'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { resetClock, setClock } from '@/lib/clock'
import { routeDueReviews } from '@/lib/lifecycle/periodicReview'
import { remindOverdueReviews } from '@/lib/workflow/reviewReminders'
import type { Id } from '@/lib/relationId'
import { approveAs, createAnswerInReview, createCancerType, createSource, createUser, unique } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
delete process.env.ANTHROPIC_API_KEY
delete process.env.SMTP_HOST
delete process.env.CREDENTIALS_VERIFICATION_MONTHS
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let editor: User

beforeAll(async () => {
  payload = await startPayload()
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
})
afterAll(async () => stopPayload(payload))
afterEach(() => resetClock())

const latest = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: true }) as Promise<Answer>
const live = (id: Id) => payload.findByID({ collection: 'answers', id, depth: 0, draft: false }) as Promise<Answer>
const mails = async (answerId: Id, template: string) =>
  (
    await payload.find({
      collection: 'notifications',
      where: { and: [{ 'related.value': { equals: answerId } }, { template: { equals: template } }] },
      pagination: false,
      depth: 0,
    })
  ).docs.map((mail) => mail.to)

const reviewer = (type: CancerType) =>
  createUser(payload, {
    roles: ['reviewer'],
    specialties: [type.id],
    name: unique('Dr Due'),
    credentials: 'MD',
    credentialsIntervalMonths: 120,
  })

describe('a replacement joining a periodic review', () => {
  it('does not get a due date earlier than the periodic review itself, nor an "overdue" reminder before it is due', async () => {
    setClock(new Date('2031-01-05T09:00:00.000Z'))
    const created = await createCancerType(payload)
    const type = (await payload.update({
      collection: 'cancer-types',
      id: created.id,
      data: { reviewIntervalMonths: 12, reviewLeadDays: 30 },
      overrideAccess: true,
    })) as CancerType
    const source: GuidelineSource = await createSource(payload, type.id)
    const first = await reviewer(type)
    const answer = await createAnswerInReview(
      payload,
      { cancerTypeId: type.id, sourceId: source.id, reviewers: [first] },
      { lastEditedBy: editor.id },
    )
    await approveAs(payload, first, answer.id)
    const due = new Date((await live(answer.id)).nextReviewDue!)

    // The periodic review starts 29 days before it is due, with the previous reviewer.
    const routedAt = subDays(due, 29)
    setClock(routedAt)
    await routeDueReviews(payload, routedAt)
    expect((await latest(answer.id)).workflowStage).toBe('in_review')
    expect(new Date((await latest(answer.id)).reviewDueAt!).getTime()).toBe(due.getTime())

    // The next day that reviewer is deactivated; another reviewer of the type takes the review over.
    const second = await reviewer(type)
    setClock(addDays(routedAt, 1))
    await payload.update({ collection: 'users', id: first.id, data: { active: false }, overrideAccess: true })
    const rerouted = await latest(answer.id)
    expect(rerouted.assignedReviewers).toEqual([second.id])

    // The review is still due on the live version's review date, not 3 weeks before it.
    const dueAt = new Date(rerouted.reviewDueAt!)
    // Two weeks later, the periodic review is still 2 weeks from due: nobody is told it is overdue.
    const later = addDays(routedAt, 15)
    setClock(later)
    await remindOverdueReviews(payload, later)
    expect({
      reviewDueAt: dueAt.toISOString(),
      overdueReminders: await mails(answer.id, 'review_reminder'),
      escalations: await mails(answer.id, 'review_escalation'),
    }).toEqual({ reviewDueAt: due.toISOString(), overdueReminders: [], escalations: [] })
  })
})
