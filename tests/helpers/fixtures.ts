import type { Payload } from 'payload'

import type { Answer, CancerType, GuidelineSource, Question, User } from '@/payload-types'
import { markdownWithCitations } from '@/lib/claims/markers'
import { now } from '@/lib/clock'
import { ANSWERS, APPROVALS, CANCER_TYPES, GUIDELINE_SOURCES, NOTIFICATIONS, QUESTIONS, USERS } from '@collections/slugs'
import type { Id } from '@/lib/relationId'

export const PASSWORD = 'test-password-123'

let counter = 0
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`

/** A user; a reviewer's credentials count as verified today (the clock's) unless `data` says otherwise. */
export async function createUser(payload: Payload, data: Partial<User> & { roles: User['roles'] }): Promise<User> {
  const verified = data.roles.includes('reviewer') ? { credentialsVerifiedOn: now().toISOString() } : {}
  return payload.create({
    collection: USERS,
    data: { email: `${unique('user')}@example.org`, password: PASSWORD, name: 'Test User', ...verified, ...data },
    overrideAccess: true,
  }) as Promise<User>
}

export async function createCancerType(payload: Payload, name = unique('Cancer')): Promise<CancerType> {
  return payload.create({ collection: CANCER_TYPES, data: { name, reviewIntervalMonths: 12 }, overrideAccess: true })
}

export async function createSource(payload: Payload, cancerTypeId: Id, passageIds = ['p-one', 'p-two']): Promise<GuidelineSource> {
  return payload.create({
    collection: GUIDELINE_SOURCES,
    data: {
      publisher: 'nccn',
      title: unique('Test guideline'),
      version: 'Version 1.2026',
      publicationDate: '2026-01-15',
      url: 'https://www.nccn.org/guidelines',
      cancerTypes: [cancerTypeId],
      status: 'current',
      passages: passageIds.map((passageId) => ({ passageId, heading: passageId, text: `Paraphrased guidance for ${passageId}.` })),
    },
    overrideAccess: true,
  })
}

export async function createQuestion(payload: Payload, cancerTypeId: Id, data: Partial<Question> = {}): Promise<Question> {
  return payload.create({
    collection: QUESTIONS,
    data: {
      text: `${unique('What are the options')} for this cancer?`,
      cancerType: cancerTypeId,
      priority: 'normal',
      origin: 'editorial',
      status: 'new',
      submittedAt: new Date().toISOString(),
      ...data,
    },
    overrideAccess: true,
  })
}

/** An answer as drafted and submitted: in review, assigned to the given reviewers. */
export async function createAnswerInReview(
  payload: Payload,
  { cancerTypeId, sourceId, reviewers, highRisk = false }: { cancerTypeId: Id; sourceId: Id; reviewers: User[]; highRisk?: boolean },
  overrides: Partial<Answer> = {},
): Promise<Answer> {
  return createCompleteDraft(
    payload,
    { cancerTypeId, sourceId, questionStatus: 'in_review' },
    {
      summary: 'A short direct answer.',
      highRisk,
      assignedReviewers: reviewers.map((reviewer) => reviewer.id),
      workflowStage: 'in_review',
      // Content as it was when it went to review: once in review it is locked (issue 12).
      ...overrides,
    },
  )
}

/**
 * What a reviewer sends to approve: the attestation and the hash of the content they read, which
 * an API client takes from the answer's stored contentHash (GET /api/answers/:id?draft=true).
 */
export async function approvalBody(payload: Payload, answerId: Id) {
  const answer = await payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: true })
  return { decision: 'approve' as const, attestation: true, contentHash: answer.contentHash ?? '' }
}

export async function approveAs(payload: Payload, reviewer: User, answerId: Id) {
  return payload.create({
    collection: APPROVALS,
    data: { answer: answerId, ...(await approvalBody(payload, answerId)) },
    user: reviewer,
    overrideAccess: false,
  })
}

export async function createNotification(payload: Payload) {
  return payload.create({
    collection: NOTIFICATIONS,
    data: { to: 'someone@example.org', subject: 'Test', template: 'review_assigned', text: 'Body', status: 'queued' },
    overrideAccess: true,
  })
}

/** A draft answer with every part review needs, not yet submitted. */
export async function createCompleteDraft(
  payload: Payload,
  {
    cancerTypeId,
    sourceId,
    editorId,
    questionStatus = 'drafted',
  }: { cancerTypeId: Id; sourceId: Id; editorId?: Id; questionStatus?: Question['status'] },
  overrides: Partial<Answer> = {},
): Promise<Answer> {
  const question = await createQuestion(payload, cancerTypeId, { status: questionStatus })
  return payload.create({
    collection: ANSWERS,
    data: {
      question: question.id,
      title: `${unique('Can treatment help')} here?`,
      cancerType: cancerTypeId,
      summary: 'Usually another treatment comes first.',
      body: await markdownWithCitations(payload.config, '## Why\n\n- A reason from the guideline. [1]', [
        { source: sourceId, passageId: 'p-one', quote: 'Paraphrased guidance' },
      ]),
      questionsToAsk: [{ question: 'What is the goal of treatment?', why: 'It frames the choices.' }],
      keyTakeaway: 'Ask your team what fits you.',
      citations: [{ source: sourceId, passageId: 'p-one', quote: 'Paraphrased guidance' }],
      lastEditedBy: editorId,
      ...overrides,
    },
    draft: true,
    overrideAccess: true,
  })
}
