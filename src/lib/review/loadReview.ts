import { diffWords } from 'diff'
import type { PayloadRequest } from 'payload'

import type { Answer, Approval, ClaimCheck, GuidelineSource, User } from '@/payload-types'
import { hasRole } from '@/access/roles'
import { ANSWERS, APPROVALS, CANCER_TYPES, CLAIM_CHECKS, GUIDELINE_SOURCES, QUESTIONS, USERS } from '@collections/slugs'
import { answerClaims } from '../claims/answerClaims'
import { relationId } from '../relationId'
import { bySeverity } from '../safety/flags'
import { lexicalToText } from '../richText'
import { buildPublicAnswer } from '../public/publicAnswer'
import { citedSourceIds, contentHash, pageContext } from '../workflow/contentHash'
import { evidenceChangeViews } from '../evidence/evidenceView'
import { reviewClaims } from './reviewClaims'
import { isHighRisk, requiredApprovals } from '../workflow/publishable'
import { decisionRefusal } from '../workflow/reviewerEligibility'
import { givenInCurrentCycle } from '../workflow/reviewCycle'
import { pageAuthors } from '../workflow/pageAuthors'

export type DiffPart = { text: string; change: 'added' | 'removed' | 'same' }
export type CitationBeside = {
  quote: string
  publisher: string
  title: string
  version: string
  status: string
  passageId: string
  heading: string
  passage: string
}

/** The answer as a reviewer reads it, section by section: what the diff compares. */
export function reviewText(answer: Answer, passageLabel: (citation: NonNullable<Answer['citations']>[number]) => string): string {
  return [
    `Title: ${answer.title}`,
    `Short answer: ${answer.summary ?? ''}`,
    `Body:\n${lexicalToText(answer.body)}`,
    `Questions to ask:\n${(answer.questionsToAsk ?? []).map((item) => `- ${item.question} (${item.why})`).join('\n')}`,
    `Key takeaway: ${answer.keyTakeaway ?? ''}`,
    `Citations:\n${(answer.citations ?? []).map((citation) => `- ${passageLabel(citation)}`).join('\n')}`,
  ].join('\n\n')
}

/**
 * Everything the review screen shows for one answer, read with the viewer's own access (a reviewer
 * reads only what is assigned to them). Seven reads, however many citations and claims.
 */
export async function loadReview(req: PayloadRequest, answerId: string) {
  const { payload, user } = req
  let answer: Answer
  try {
    answer = await payload.findByID({ collection: ANSWERS, id: answerId, draft: true, depth: 0, overrideAccess: false, user, req })
  } catch (error) {
    // By status, not `instanceof`: the production bundle's APIError class is not the one Payload throws.
    if ([403, 404].includes((error as { status?: number }).status ?? 500)) return null
    throw error
  }
  const [question, cancerType] = await Promise.all([
    payload.findByID({ collection: QUESTIONS, id: relationId(answer.question)!, depth: 0, overrideAccess: true, req }),
    payload.findByID({ collection: CANCER_TYPES, id: relationId(answer.cancerType)!, depth: 0, overrideAccess: true, req }),
  ])
  // The same sources the content hash credits (the body's citation nodes too), or the hash shown here would not be the one approvals bind to.
  const sourceIds = citedSourceIds(answer)
  const { docs: sources } = await payload.find({
    collection: GUIDELINE_SOURCES,
    where: { id: { in: sourceIds } },
    select: { publisher: true, title: true, version: true, url: true, status: true, passages: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const sourceById = new Map((sources as GuidelineSource[]).map((source) => [String(source.id), source]))
  const citations: CitationBeside[] = (answer.citations ?? []).map((citation) => {
    const source = sourceById.get(String(relationId(citation.source)))
    const passage = source?.passages?.find((candidate) => candidate.passageId === citation.passageId)
    return {
      quote: citation.quote ?? '',
      publisher: source?.publisher ?? '',
      title: source?.title ?? 'Unknown source',
      version: source?.version ?? '',
      status: source?.status ?? '',
      passageId: citation.passageId,
      heading: passage?.heading ?? '',
      passage: passage?.text ?? 'This passage no longer exists in the source.',
    }
  })
  const passageLabel = (citation: NonNullable<Answer['citations']>[number]) => {
    const source = sourceById.get(String(relationId(citation.source)))
    return `${source?.title ?? 'source'} ${source?.version ?? ''}, passage ${citation.passageId}`
  }

  // The page credits the sources the hash covers (citedSourceIds), whatever else was read here.
  const credited = new Set(citedSourceIds(answer))
  const creditedSources = (sources as GuidelineSource[]).filter((source) => credited.has(String(source.id)))
  const page = pageContext(question, cancerType, creditedSources)
  const hash = contentHash(answer, page)
  // What the patient will see is the public record a publication builds from this content (one code
  // path: reference numbers, references, sources); the review record's fields are not shown here.
  const patientView = buildPublicAnswer({
    answer,
    questionText: question.text,
    cancerType,
    sources: creditedSources,
    reviewers: [],
    publishedAt: '',
    lastReviewedAt: '',
    nextReviewDue: '',
  })

  // This reviewer's own marks; one that names no current claim (its words or citations changed) is dropped.
  const { docs: marks } =
    user && hasRole(user, 'reviewer')
      ? await payload.find({
          collection: CLAIM_CHECKS,
          where: { and: [{ answer: { equals: answer.id } }, { reviewer: { equals: user.id } }] },
          select: { claimId: true, verifiedAt: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
        })
      : { docs: [] as ClaimCheck[] }
  const parts = answerClaims(answer)
  // Passages cited by this answer that changed (issue 14): their claims are marked and come first.
  const evidenceChanges = evidenceChangeViews(answer, parts)
  const affected = new Set(evidenceChanges.flatMap((change) => change.claimIds))
  const claims = reviewClaims({
    question: question.text,
    parts,
    sources: sources as GuidelineSource[],
    verification: (answer as { claimVerification?: unknown }).claimVerification,
    contentHash: hash,
    marks: marks as Pick<ClaimCheck, 'claimId' | 'verifiedAt'>[],
  })
    .map((claim) => ({ ...claim, evidenceChanged: affected.has(claim.id) }))
    .sort((a, b) => Number(b.evidenceChanged) - Number(a.evidenceChanged))
  const { docs: decisions } = await payload.find({
    collection: APPROVALS,
    where: { answer: { equals: answer.id } },
    sort: '-createdAt',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  // As the approvals collection's read access: a reviewer sees their own decisions only, so that a
  // second reviewer of a high-risk answer decides without the first one's verdict and comment.
  const seesAllDecisions = hasRole(user, 'admin', 'editor')
  const visible = (decisions as Approval[]).filter(
    (decision) => seesAllDecisions || String(relationId(decision.reviewer)) === String(user?.id),
  )
  // Names for the diff too, which may compare with an earlier version another reviewer decided on
  // (never with this version: a decision on the content shown is not an earlier version).
  const deciderIds = [...new Set((decisions as Approval[]).map((decision) => String(relationId(decision.reviewer))))]
  const { docs: deciders } = deciderIds.length
    ? await payload.find({
        collection: USERS,
        where: { id: { in: deciderIds } },
        select: { name: true },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] as User[] }
  const nameOf = new Map((deciders as User[]).map((person) => [String(person.id), person.name]))

  // The diff compares with the last approved version if there is one, else the last version a
  // reviewer decided on (the one they asked to be changed).
  const earlier = (decisions as Approval[]).filter((decision) => decision.contentHash && decision.contentHash !== hash)
  const reference = earlier.find((decision) => decision.decision === 'approve') ?? earlier[0]
  let diff: { against: string; parts: DiffPart[] } | null = null
  if (reference) {
    const { docs: versions } = await payload.findVersions({
      collection: ANSWERS,
      where: { and: [{ parent: { equals: answer.id } }, { 'version.contentHash': { equals: reference.contentHash } }] },
      sort: '-updatedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (versions[0]) {
      const verb = reference.decision === 'approve' ? 'approved' : reference.decision === 'reject' ? 'rejected' : 'sent back for changes'
      diff = {
        against: `the version ${nameOf.get(String(relationId(reference.reviewer))) ?? 'a reviewer'} ${verb} on ${reference.createdAt.slice(0, 10)}`,
        parts: diffWords(reviewText(versions[0].version as Answer, passageLabel), reviewText(answer, passageLabel)).map((part) => ({
          text: part.value,
          change: part.added ? 'added' : part.removed ? 'removed' : 'same',
        })),
      }
    }
  }

  const mine = (decisions as Approval[]).find(
    // Only this cycle's: a reviewer who approved the same content last cycle is asked to decide again.
    (decision) =>
      String(relationId(decision.reviewer)) === String(user?.id) && decision.contentHash === hash && givenInCurrentCycle(decision, answer),
  )
  return {
    answer: {
      id: String(answer.id),
      title: answer.title,
      // Its public address is part of what is approved (it is in the hash): a reviewer sees it.
      slug: answer.slug ?? '',
      summary: patientView.summary,
      summaryReferences: patientView.summaryReferences,
      bodyHtml: patientView.bodyHtml,
      questionsToAsk: patientView.questionsToAsk,
      keyTakeaway: patientView.keyTakeaway,
      references: patientView.references,
      sources: patientView.sources,
      stage: answer.workflowStage ?? 'draft',
      status: answer._status ?? 'draft',
      reviewDueAt: answer.reviewDueAt ?? null,
      highRisk: Boolean(answer.highRisk),
      requiredApprovals: requiredApprovals({ highRisk: isHighRisk(answer, page) }),
      contentHash: hash,
      draftedBy: answer.provenance?.draftedBy ?? null,
    },
    question: question.text,
    cancerType: cancerType.name,
    evidenceChanges,
    citations,
    claims,
    // A sentence repeated with the same citations (the direct answer restated in a section) is one
    // claim: one id, one mark.
    claimsVerified: new Set(claims.filter((claim) => claim.verified).map((claim) => claim.id)).size,
    claimsTotal: new Set(claims.map((claim) => claim.id)).size,
    // Most severe first (stored that way; sorted again for flags stored before severities existed).
    safetyWarnings: bySeverity(answer.safetyWarnings ?? []).map(({ code, severity, where, message }) => ({
      code: code ?? '',
      severity: severity ?? 'low',
      where: where ?? '',
      message: message ?? '',
    })),
    decisions: visible.map((decision) => ({
      id: String(decision.id),
      reviewer: nameOf.get(String(relationId(decision.reviewer))) ?? 'a reviewer',
      decision: decision.decision,
      comment: decision.comment ?? '',
      at: decision.createdAt,
      onThisVersion: decision.contentHash === hash,
    })),
    diff,
    // The same rule the approvals collection enforces, so the screen never offers a refused decision.
    decisionRefusal: hasRole(user, 'reviewer')
      ? (decisionRefusal(user as User, answer, await pageAuthors(req, answer))?.message ?? null)
      : 'Only assigned reviewers record decisions.',
    myDecision: mine?.decision ?? null,
  }
}

export type ReviewData = NonNullable<Awaited<ReturnType<typeof loadReview>>>
