import { z } from 'zod'

/**
 * The webhook event catalogue (README "Webhooks"). Client-safe: the endpoints' admin form lists them.
 * Each event is about one answer; its payload is small and public: what changed, when, and where the
 * answer is read. Never draft text: only what the public site already shows, or will show.
 */
export const WEBHOOK_EVENTS = [
  'answer.published',
  'answer.revised',
  'answer.withdrawn',
  'answer.evidence_changed',
  'answer.review_overdue',
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'answer.published': 'Answer published (first time live)',
  'answer.revised': 'Answer revised (a new version live, or its public notice changed)',
  'answer.withdrawn': 'Answer withdrawn from the public site',
  'answer.evidence_changed': 'A passage a live answer cites changed',
  'answer.review_overdue': "A live answer's periodic review is overdue",
}

const isoDate = z.iso.datetime({ offset: true })

export const webhookAnswerSchema = z.object({
  id: z.string().describe('The answer id (a string on every database).'),
  slug: z.string().nullable(),
  title: z.string(),
  /** Where the public reads it; after a withdrawal the address answers 404. */
  url: z.string().url().nullable(),
  version: z.object({
    reviewCycle: z.number().int().nullable().describe('How many times reviewers have approved the answer.'),
    publishedAt: isoDate.nullable(),
    lastReviewedAt: isoDate.nullable(),
    nextReviewDue: isoDate.nullable(),
  }),
})

export const webhookEventSchema = z.object({
  type: z.enum(WEBHOOK_EVENTS),
  occurredAt: isoDate,
  answer: webhookAnswerSchema,
  /** answer.evidence_changed only: the change to the guideline source the answer cites. */
  evidenceChange: z
    .object({
      id: z.string(),
      kind: z.string(),
      changedOn: isoDate.nullable(),
      safetyCorrection: z.boolean(),
    })
    .optional(),
  /** answer.review_overdue only: when the periodic review was due. */
  review: z.object({ dueAt: isoDate }).optional(),
})

export type WebhookEvent = z.infer<typeof webhookEventSchema>
export type WebhookAnswer = z.infer<typeof webhookAnswerSchema>

/** The answer's fields an event needs (a live answer, or the one just withdrawn). */
export type AnswerForEvent = {
  id: number | string
  slug?: string | null
  title: string
  reviewCycle?: number | null
  publishedAt?: string | null
  lastReviewedAt?: string | null
  nextReviewDue?: string | null
}

const iso = (value: string | null | undefined) => (value ? new Date(value).toISOString() : null)

export function eventAnswer(answer: AnswerForEvent, serverUrl: string): WebhookAnswer {
  return {
    id: String(answer.id),
    slug: answer.slug ?? null,
    title: answer.title,
    url: answer.slug ? `${serverUrl}/answers/${encodeURIComponent(answer.slug)}` : null,
    version: {
      reviewCycle: answer.reviewCycle ?? null,
      publishedAt: iso(answer.publishedAt),
      lastReviewedAt: iso(answer.lastReviewedAt),
      nextReviewDue: iso(answer.nextReviewDue),
    },
  }
}
