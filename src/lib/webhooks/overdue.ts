import type { Payload } from 'payload'

import type { Answer, WebhookEndpoint } from '@/payload-types'
import { ANSWERS, WEBHOOK_DELIVERIES, WEBHOOK_ENDPOINTS } from '@collections/slugs'
import { inNewTransaction } from '../transaction'
import { queueWebhookEvent } from './outbox'

const TYPE = 'answer.review_overdue'

/** One overdue period of an answer: it ends when an approval moves `nextReviewDue`. */
const periodKey = (answer: Pick<Answer, 'id' | 'nextReviewDue'>) => `${TYPE}:${answer.id}:${new Date(answer.nextReviewDue!).toISOString()}`

/**
 * answer.review_overdue, once per answer and overdue period (not once per lifecycle run): a live
 * answer whose periodic review date (`nextReviewDue`) has passed. Run by the lifecycle sweep
 * (src/lib/lifecycle/runLifecycle.ts). Each delivery carries the period in its unique `dedupeKey`,
 * so a later run, or another instance's, finds it and queues nothing again. Returns how many
 * answers were announced.
 */
export async function announceOverdueReviews(payload: Payload, now: Date): Promise<number> {
  const { docs: endpoints } = await payload.find({
    collection: WEBHOOK_ENDPOINTS,
    where: { and: [{ active: { equals: true } }, { events: { in: [TYPE] } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  if (endpoints.length === 0) return 0
  const { docs } = await payload.find({
    collection: ANSWERS,
    where: { and: [{ _status: { equals: 'published' } }, { nextReviewDue: { less_than: now.toISOString() } }] },
    draft: false,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const overdue = docs as Answer[]
  if (overdue.length === 0) return 0
  const wanted = (answer: Answer) => (endpoints as WebhookEndpoint[]).map((endpoint) => `${endpoint.id}:${periodKey(answer)}`)
  const { docs: existing } = await payload.find({
    collection: WEBHOOK_DELIVERIES,
    where: { dedupeKey: { in: overdue.flatMap(wanted) } },
    select: { dedupeKey: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const done = new Set(existing.map((row) => row.dedupeKey))
  let announced = 0
  for (const answer of overdue.filter((candidate) => wanted(candidate).some((key) => !done.has(key)))) {
    try {
      const written = await inNewTransaction(payload, (req) =>
        queueWebhookEvent(req, {
          type: TYPE,
          answer,
          review: { dueAt: new Date(answer.nextReviewDue!).toISOString() },
          onceKey: periodKey(answer),
        }),
      )
      if (written > 0) announced += 1
    } catch (error) {
      // Another instance announcing the same period at the same moment loses on the unique key.
      payload.logger.error({
        err: error,
        msg: `Could not queue answer.review_overdue for answer ${answer.id}; the next sweep tries again.`,
      })
    }
  }
  return announced
}
