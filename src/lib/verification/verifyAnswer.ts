import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import type { Answer, GuidelineSource } from '@/payload-types'
import { ANSWERS, GUIDELINE_SOURCES, MODEL_USAGE } from '@collections/slugs'
import { getAnthropicClient, type ModelCall } from '../anthropic/client'
import { costUsd } from '../anthropic/pricing'
import {
  VERIFY_PROMPT_VERSION,
  verifyClaimsWithClaude,
  type ClaimVerdict,
  type VerifyClaim,
  type VerifyPassage,
} from '../anthropic/verifyClaims'
import { findAnswer } from '../answers/loadAnswer'
import { answerClaims } from '../claims/answerClaims'
import type { Env } from '../env'
import { relationId, type Id } from '../relationId'
import { passageKey } from '../retrieval/passages'
import { inNewTransaction } from '../transaction'
import { oneAtATime } from '../leases/oneAtATime'
import { currentClaimVerification, type ClaimVerification } from './claimVerification'

export type VerifyAnswerOutcome = { outcome: 'verified' | 'not_verified' | 'skipped'; reason?: string }

/**
 * Verifies the claims of one answer version with Claude (one call for all its claims) and stores
 * the result on the answer as `claimVerification`, bound to `contentHash`. Skips when the answer's
 * content moved on (a newer check is queued for it) or it is live as it stands. Never throws for
 * a model failure: the result is then "not_verified" with the reason. The stored write is a
 * server field only: it changes neither the content hash nor the authors.
 */
export async function verifyAnswerClaims(payload: Payload, env: Env, answerId: Id, contentHash: string): Promise<VerifyAnswerOutcome> {
  if (!env.anthropic.apiKey) return { outcome: 'skipped', reason: 'No ANTHROPIC_API_KEY: claims are checked offline only.' }
  // One check of one content at a time, across processes too: an edit and its undo queue two checks
  // of one content, which the queue may run side by side, and Payload can hand one job to two
  // runners. A second check waits for the first and then finds its result (verifyOnce skips
  // content that has its verdicts) instead of paying for it again; a failed call leaves none, and
  // the next check tries once more.
  return oneAtATime(payload, `verify-claims:${String(answerId)}:${contentHash}`, () => verifyOnce(payload, env, answerId, contentHash))
}

async function verifyOnce(payload: Payload, env: Env, answerId: Id, contentHash: string): Promise<VerifyAnswerOutcome> {
  const answer = await findAnswer(await createLocalReq({}, payload), answerId)
  if (!answer) return { outcome: 'skipped', reason: 'The answer was deleted.' }
  if (answer.contentHash !== contentHash) return { outcome: 'skipped', reason: 'The content changed since; its own check is queued.' }
  // A live answer's latest version was approved as it stands: a check comes too late to inform review.
  if (answer._status === 'published') return { outcome: 'skipped', reason: 'The answer is published as it stands.' }
  // This content was checked already (an edit undone: its result went with it into the new version).
  // A check whose call failed has no verdicts and is tried again.
  const current = currentClaimVerification(answer)
  if (current && current.claims.length > 0 && current.model === env.anthropic.model) {
    return { outcome: 'skipped', reason: 'This content already has its check.' }
  }

  // The same sentence with the same citations twice is one claim id: asked about and stored once.
  const claims = [...new Map(answerClaims(answer).flatMap((part) => part.claims.map((claim) => [claim.id, claim] as const))).values()]
  const passages = await citedPassages(
    payload,
    claims.flatMap((claim) => claim.citations.map((citation) => citation.source)),
  )
  const local = new Map<string, ClaimVerdict>()
  const toCheck: VerifyClaim[] = []
  const sent = new Map<string, VerifyPassage>()
  for (const claim of claims) {
    if (claim.citations.length === 0) {
      local.set(claim.id, { id: claim.id, verdict: 'unsupported', reason: 'Not checked by the model: this claim cites no passage.' })
      continue
    }
    const keys = claim.citations.map((citation) => passageKey(citation.source, citation.passageId))
    const missing = keys.filter((key) => !passages.has(key))
    if (missing.length === keys.length) {
      local.set(claim.id, {
        id: claim.id,
        verdict: 'unsupported',
        reason: `Not checked by the model: cited passage ${missing.join(', ')} no longer exists.`,
      })
      continue
    }
    const cites = keys.filter((key) => passages.has(key))
    for (const key of cites) sent.set(key, passages.get(key)!)
    toCheck.push({ id: claim.id, part: claim.part, text: claim.text, cites })
  }

  const base = { contentHash, model: env.anthropic.model, checkedAt: new Date().toISOString() }
  let result: ClaimVerification
  let call: ModelCall | null = null
  let usable = false
  if (toCheck.length === 0) {
    result = {
      ...base,
      status: 'not_verified',
      reason:
        claims.length === 0
          ? 'The answer has no claims to check yet.'
          : 'No claim cites a passage, so there was nothing to check against the sources.',
      claims: claims.map((claim) => local.get(claim.id)!),
    }
  } else {
    const client = getAnthropicClient(env.anthropic, env.drafting.concurrency)
    const outcome = await verifyClaimsWithClaude(
      client,
      { model: env.anthropic.model, passages: [...sent.values()], claims: toCheck },
      { timeoutMs: env.verification.timeoutMs },
    )
    call = outcome.call
    usable = outcome.ok
    if (outcome.ok) {
      const byId = new Map(outcome.claims.map((verdict) => [verdict.id, verdict]))
      // Claims not sent (uncited) carry their own reason; the answer-level reason is about the reply.
      result = {
        ...base,
        status: outcome.problems.length === 0 ? 'verified' : 'not_verified',
        ...(outcome.problems.length > 0 ? { reason: outcome.problems.join(' ') } : {}),
        claims: claims.map((claim) => byId.get(claim.id) ?? local.get(claim.id)!),
      }
    } else {
      result = { ...base, status: 'not_verified', reason: outcome.reason, claims: [] }
    }
  }

  // Stored and recorded separately: a paid call reaches the ledger even if the answer refuses the write.
  let stored = false
  let storeError: string | undefined
  try {
    stored = await inNewTransaction(payload, (req) => storeVerification(req, answer.id, result))
  } catch (error) {
    storeError = error instanceof Error ? error.message : String(error)
    payload.logger.error({ err: error }, `The claim verification of answer ${answer.id} could not be stored`)
  }
  if (call) {
    const paid = call
    await inNewTransaction(payload, (req) =>
      recordVerificationCall(req, paid, { answer, model: env.anthropic.model, used: usable && stored }),
    )
  }
  if (storeError) return { outcome: 'skipped', reason: `The result could not be stored: ${storeError}` }
  if (!stored) return { outcome: 'skipped', reason: 'The content changed while it was being checked; its own check is queued.' }
  return { outcome: result.status, reason: result.reason }
}

/** Every passage of the cited sources, by passage key: one read, only the fields the verifier sends. */
async function citedPassages(payload: Payload, sourceIds: Id[]): Promise<Map<string, VerifyPassage>> {
  const ids = [...new Map(sourceIds.map((id) => [String(id), id])).values()]
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: GUIDELINE_SOURCES,
    where: { id: { in: ids } },
    select: { title: true, version: true, passages: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const passages = new Map<string, VerifyPassage>()
  for (const source of docs as Pick<GuidelineSource, 'id' | 'title' | 'version' | 'passages'>[]) {
    for (const passage of source.passages ?? []) {
      const key = passageKey(source.id, passage.passageId)
      passages.set(key, { key, source: `${source.title}, ${source.version}`, heading: passage.heading ?? '', text: passage.text })
    }
  }
  return passages
}

/**
 * Writes the result on the answer's newest version, only if it still has the content that was
 * checked (re-read in the same transaction). Returns whether it was written. The version is changed
 * in place, timestamps kept, through the database adapter: the result is not an edit (no new
 * version, no hooks), and an editor who has the answer open must not be told that someone else
 * changed it (the admin's stale-data check compares the draft's updatedAt).
 */
async function storeVerification(req: PayloadRequest, answerId: Id, result: ClaimVerification): Promise<boolean> {
  const current = await findAnswer(req, answerId)
  if (!current || current.contentHash !== result.contentHash || current._status === 'published') return false
  const { docs } = await req.payload.db.findVersions<Answer>({
    collection: ANSWERS,
    where: { and: [{ parent: { equals: answerId } }, { latest: { equals: true } }] },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  const latest = docs[0]
  if (!latest || latest.version.contentHash !== result.contentHash) return false
  await req.payload.db.updateVersion<Answer>({
    collection: ANSWERS,
    id: latest.id,
    versionData: { ...latest, version: { ...latest.version, claimVerification: result } },
    req,
  })
  return true
}

/** The ledger entry of a verification call (paid whatever its outcome). */
async function recordVerificationCall(
  req: PayloadRequest,
  call: ModelCall,
  { answer, model, used }: { answer: Answer; model: string; used: boolean },
) {
  await req.payload.create({
    collection: MODEL_USAGE,
    data: {
      month: new Date().toISOString().slice(0, 7),
      question: relationId(answer.question),
      answer: answer.id,
      model,
      promptVersion: VERIFY_PROMPT_VERSION,
      purpose: 'verify',
      outcome: used ? 'used' : 'discarded',
      ...call.usage,
      costUsd: costUsd(model, call.usage),
      latencyMs: call.latencyMs,
      requestId: call.requestId,
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
}
