import fs from 'node:fs'
import path from 'node:path'
import type { Payload, PayloadRequest } from 'payload'
import { subDays } from 'date-fns'

import type { User } from '@/payload-types'
import type { Id } from '@/lib/relationId'
import { markdownWithCitations } from '@/lib/claims/markers'
import { inNewTransaction } from '@/lib/transaction'
import { queueDraft } from '@/lib/drafting/queueDraft'
import { submitForReview } from '@/lib/workflow/submitForReview'
import { NEW_QUESTION, transitionQuestion } from '@/lib/workflow/transitions'
import { ANSWERS, APPROVALS, CANCER_TYPES, GUIDELINE_SOURCES, QUESTIONS, USERS } from '@collections/slugs'
import { ATTESTATION_STATEMENT } from '@collections/Approvals/constants'
import { answers } from './data/answers'
import type { SeedCitation } from './data/types'
import { cancerTypes } from './data/cancerTypes'
import { guidelineSources } from './data/guidelineSources'
import { questions } from './data/questions'
import { DEMO_PASSWORD, users } from './data/users'

// Relative to the project root (the working directory of every entry point), bundled or not.
const contentDir = path.resolve('seed/content')

/**
 * Seeded in these statuses, a question is created as new and sent to drafting: the draft job
 * (offline drafter without an API key) then makes it "drafted", or "draft_failed" with the reason
 * (no sources for its cancer type). Review statuses come from the review workflow, not the seed.
 */
const QUEUED_FOR_DRAFTING = new Set(['drafting', 'drafted', 'in_review', 'changes_requested', 'draft_failed'])

export type SeedReport = { created: Record<string, number>; skipped: Record<string, number> }

export class SeedRefusedError extends Error {}

export const describeSeed = (report: SeedReport) =>
  `[seed] Seed done. Created: ${JSON.stringify(report.created)}. Already there: ${JSON.stringify(report.skipped)}.`

/**
 * Seeds demo data. Idempotent: every record is found by its natural key (email, slug, text,
 * publisher + title + version) and created only when missing, so seeding twice changes nothing.
 * Runs in one transaction: a failure leaves the database as it was.
 */
export async function seed(payload: Payload, { allowDemo }: { allowDemo: boolean }): Promise<SeedReport> {
  if (!allowDemo) {
    throw new SeedRefusedError(
      'Refusing to seed: the seed creates demo logins with a published password, and DATABASE_URL points at a database other than the embedded default (./data/cms.db). Set SEED_DEMO=true to seed it anyway.',
    )
  }
  const report: SeedReport = { created: {}, skipped: {} }
  await inNewTransaction(payload, (req) => seedAll(payload, req, report))
  return report
}

/**
 * What `npm start` does on every start: seed a database that has no users, and leave any other alone.
 * An empty database that is not the embedded default is a real deployment: it is not seeded (it starts
 * empty and the first account registered at /admin becomes its admin). Returns the line to log.
 */
export async function seedIfEmpty(payload: Payload, { allowDemo }: { allowDemo: boolean }): Promise<string> {
  const { totalDocs: userCount } = await payload.count({ collection: USERS, overrideAccess: true })
  if (userCount > 0) return `[seed] Seed skipped: the database already has ${userCount} user(s).`
  try {
    return describeSeed(await seed(payload, { allowDemo }))
  } catch (error) {
    if (error instanceof SeedRefusedError) return `[seed] ${error.message}`
    throw error
  }
}

/** In the server as it starts: a seed that fails stops the server (as a failed start should) rather than leaving it serving errors. */
export async function seedOnStart(payload: Payload, options: { allowDemo: boolean }): Promise<void> {
  try {
    payload.logger.info(await seedIfEmpty(payload, options))
  } catch (error) {
    payload.logger.error({ err: error, msg: '[seed] Seeding the empty database failed; the server stops.' })
    process.exit(1)
  }
}

async function seedAll(payload: Payload, req: PayloadRequest, report: SeedReport) {
  const tally = (collection: string, created: boolean) => {
    const bucket = created ? report.created : report.skipped
    bucket[collection] = (bucket[collection] ?? 0) + 1
  }
  /** Finds a document by a natural key, or creates it. */
  const ensure = async <T extends { id: Id }>(
    collection: Parameters<Payload['find']>[0]['collection'],
    where: Parameters<Payload['find']>[0]['where'],
    create: () => Promise<T>,
  ): Promise<T> => {
    const { docs } = await payload.find({ collection, where, limit: 1, depth: 0, draft: true, overrideAccess: true, req })
    tally(collection, docs.length === 0)
    return docs[0] ? (docs[0] as unknown as T) : create()
  }

  /** The id seeded for a natural key; seed data that names a missing one is a bug in the seed. */
  const idOf = (ids: Map<string, Id>, key: string, what: string): Id => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`Seed data names an unknown ${what} "${key}".`)
    return id
  }

  const cancerTypeIds = new Map<string, Id>()
  for (const type of cancerTypes) {
    const doc = await ensure(CANCER_TYPES, { slug: { equals: type.slug } }, () =>
      payload.create({ collection: CANCER_TYPES, data: type, overrideAccess: true, req }),
    )
    cancerTypeIds.set(type.slug, doc.id)
  }
  const typeId = (slug: string) => idOf(cancerTypeIds, slug, 'cancer type')

  const userDocs = new Map<string, User>()
  for (const user of users) {
    const doc = await ensure<User>(USERS, { email: { equals: user.email } }, () =>
      payload.create({
        collection: USERS,
        data: {
          email: user.email,
          password: DEMO_PASSWORD,
          name: user.name,
          roles: user.roles,
          credentials: user.credentials,
          specialties: user.specialties?.map(typeId),
          maxOpenReviews: user.maxOpenReviews,
          active: true,
          credentialsVerifiedOn: user.roles.includes('reviewer') ? subDays(new Date(), 30).toISOString() : undefined,
        },
        overrideAccess: true,
        req,
      }),
    )
    userDocs.set(user.email, doc)
  }

  // Current sources first, so superseded ones can point at their replacement.
  const sourceIds = new Map<string, Id>()
  const ordered = [...guidelineSources].sort((a, b) => Number(a.status === 'superseded') - Number(b.status === 'superseded'))
  for (const source of ordered) {
    const { key, supersededByKey, cancerTypes: typeSlugs, ...fields } = source
    const doc = await ensure(
      GUIDELINE_SOURCES,
      { and: [{ publisher: { equals: source.publisher } }, { title: { equals: source.title } }, { version: { equals: source.version } }] },
      () =>
        payload.create({
          collection: GUIDELINE_SOURCES,
          data: {
            ...fields,
            cancerTypes: typeSlugs.map(typeId),
            supersededBy: supersededByKey ? idOf(sourceIds, supersededByKey, 'guideline source') : undefined,
          },
          overrideAccess: true,
          req,
        }),
    )
    sourceIds.set(key, doc.id)
  }

  const questionIds = new Map<string, Id>()
  const publishedQuestionTexts = new Set(answers.map((answer) => answer.questionText))
  // Questions that others duplicate come first, so "duplicateOf" can be resolved.
  const questionOrder = [...questions].sort((a, b) => Number(Boolean(a.duplicateOfText)) - Number(Boolean(b.duplicateOfText)))
  for (const question of questionOrder) {
    let created = false
    const doc = await ensure(QUESTIONS, { text: { equals: question.text } }, () => {
      created = true
      return payload.create({
        collection: QUESTIONS,
        data: {
          text: question.text,
          cancerType: typeId(question.cancerType),
          priority: question.priority,
          origin: question.origin,
          // Statuses are reached the real way (src/lib/workflow/transitions.ts): drafting ones get a
          // draft job, shelved ones the backlog's action (below); the published one gets there
          // through its answer's submission and approval.
          ...NEW_QUESTION,
          notes: question.notes,
          duplicateOf: question.duplicateOfText ? idOf(questionIds, question.duplicateOfText, 'question') : undefined,
          submittedAt: subDays(new Date(), question.submittedDaysAgo).toISOString(),
        },
        overrideAccess: true,
        req,
      })
    })
    questionIds.set(question.text, doc.id)
    if (created && !publishedQuestionTexts.has(question.text)) {
      if (QUEUED_FOR_DRAFTING.has(question.status)) await queueDraft(req, doc.id)
      else if (question.status === 'archived') await transitionQuestion(req, doc.id, 'archive')
      else if (question.status === 'duplicate') await transitionQuestion(req, doc.id, 'mark_duplicate')
    }
  }

  const editor = userDocs.get('editor@example.org')!
  const seedCitation = (citation: SeedCitation) => ({
    source: idOf(sourceIds, citation.sourceKey, 'guideline source'),
    passageId: citation.passageId,
    quote: citation.quote,
  })
  for (const answer of answers) {
    await ensure(ANSWERS, { slug: { equals: answer.slug } }, async () => {
      const markdown = fs.readFileSync(path.join(contentDir, answer.bodyMarkdownFile), 'utf8')
      const created = await payload.create({
        collection: ANSWERS,
        data: {
          question: idOf(questionIds, answer.questionText, 'question'),
          title: answer.title,
          slug: answer.slug,
          cancerType: typeId(answer.cancerType),
          summary: answer.summary,
          body: await markdownWithCitations(payload.config, markdown, answer.claimCitations.map(seedCitation)),
          questionsToAsk: answer.questionsToAsk,
          keyTakeaway: answer.keyTakeaway,
          citations: answer.citations.map(seedCitation),
          highRisk: answer.highRisk,
          provenance: { draftedBy: 'person', author: editor.id },
          lastEditedBy: editor.id,
        },
        draft: true,
        overrideAccess: true,
        req,
      })
      // Submitted the way an editor does (routing picks the reviewer by specialty and capacity), then
      // published the only way anything is: the assigned reviewer approves the exact content,
      // through the same access rules and hooks as a reviewer's own request.
      const submission = await submitForReview(req, created.id)
      const assigned = [...userDocs.values()].find((user) => String(user.id) === String(submission.reviewers[0]?.id))
      if (!assigned) throw new Error(`Routing found no reviewer for "${answer.title}".`)
      const systemUser = req.user
      req.user = { ...assigned, collection: USERS }
      try {
        await payload.create({
          collection: APPROVALS,
          data: {
            answer: created.id,
            decision: 'approve',
            attestation: true,
            // What the reviewer read: submission changes the stage, not the content.
            contentHash: created.contentHash,
            comment: `Checked against the cited guideline passages. ${ATTESTATION_STATEMENT}`,
          },
          overrideAccess: false,
          req,
        })
      } finally {
        req.user = systemUser
      }
      tally(APPROVALS, true)
      return created
    })
  }
}
