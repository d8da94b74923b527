import { createLocalReq, type Payload } from 'payload'

import type { CancerType, Question } from '@/payload-types'
import { CANCER_TYPES, QUESTIONS } from '@collections/slugs'
import { getAnthropicClient, type ModelCall } from '../anthropic/client'
import type { DraftRequestInput } from '../anthropic/prompt'
import type { Env } from '../env'
import { relationId, type Id } from '../relationId'
import { loadCurrentPassages, rankPassages, type Passage, type RankedPassage } from '../retrieval/passages'
import { inNewTransaction } from '../transaction'
import { transitionQuestion } from '../workflow/transitions'
import { draftWithClaude, DraftFailureWithCalls } from './claudeDrafter'
import { extractiveDraft } from './extractiveDrafter'
import { classifyDraftError, DraftFailure, failureReason } from './failures'
import { recordModelCalls, saveDraft, type Drafter } from './saveDraft'

/** Which drafter runs: Claude when a key is set (or DRAFTER=model), otherwise the extractive one. */
export function chooseDrafter(env: Env): Drafter {
  if (env.drafting.drafter === 'extractive') return 'extractive'
  if (env.drafting.drafter === 'model') {
    if (!env.anthropic.apiKey)
      throw new DraftFailure(
        'DRAFTER=model but ANTHROPIC_API_KEY is not set. Set the key (or DRAFTER=auto for the offline drafter), then retry.',
        false,
      )
    return 'model'
  }
  return env.anthropic.apiKey ? 'model' : 'extractive'
}

/** How the admin names the drafter in use. */
export function drafterLabel(env: Env): string {
  try {
    return chooseDrafter(env) === 'model' ? `Claude (${env.anthropic.model})` : 'extractive, not written by a model (no ANTHROPIC_API_KEY)'
  } catch (error) {
    return error instanceof DraftFailure ? `misconfigured: ${error.reason}` : 'unknown'
  }
}

export type PreparedDraft = { question: Question; cancerType: CancerType; library: Passage[]; retrieved: RankedPassage[] }

/**
 * What every draft starts from: the question, its cancer type's guideline library (current sources)
 * and the passages retrieved for it. `retrievedKeys` pins the retrieval made earlier (a batch
 * submitted hours ago), so the saved draft cites what the model was given.
 */
export async function prepareDraft(payload: Payload, env: Env, questionId: Id, retrievedKeys?: string[]): Promise<PreparedDraft> {
  const question = (await payload.findByID({ collection: QUESTIONS, id: questionId, depth: 0, overrideAccess: true })) as Question
  const cancerType = (await payload.findByID({
    collection: CANCER_TYPES,
    id: relationId(question.cancerType)!,
    depth: 0,
    overrideAccess: true,
  })) as CancerType
  const library = await loadCurrentPassages(cancerType.id, await createLocalReq({}, payload))
  if (library.length === 0)
    throw new DraftFailure(`No guideline sources for ${cancerType.name}: add a current guideline source for it, then retry.`, false)
  const retrieved = retrievedKeys
    ? library.filter((passage) => retrievedKeys.includes(passage.key)).map((passage) => ({ ...passage, score: 0 }))
    : rankPassages(question.text, library, env.drafting.topK)
  if (retrieved.length === 0) throw new DraftFailure(`No passage of the ${cancerType.name} guideline sources matches this question.`, false)
  return { question, cancerType, library, retrieved }
}

/** The model request for a prepared draft: the same for single drafts and Message Batches. */
export function draftRequestInput(env: Env, { question, cancerType, library, retrieved }: PreparedDraft): DraftRequestInput {
  return {
    model: env.anthropic.model,
    maxTokens: env.drafting.maxTokens,
    cancerTypeName: cancerType.name,
    questionText: question.text,
    library,
    retrieved,
  }
}

/**
 * Drafts one question: retrieval, the drafter, validation, safety checks, saving. Throws a
 * DraftFailure (with the calls already paid for, when there were any) if no draft can be saved.
 */
export async function draftQuestion(payload: Payload, env: Env, questionId: Id) {
  const { question, cancerType, library, retrieved } = await prepareDraft(payload, env, questionId)
  // Taken out of drafting while the job waited: nothing to pay a model call for.
  if (question.status !== 'drafting')
    throw new DraftFailure(
      `The question left "drafting" (it is now ${question.status.replace(/_/g, ' ')}) before its draft was made, so none was made.`,
      false,
    )
  const drafter = chooseDrafter(env)
  let calls: ModelCall[] = []
  let draft
  if (drafter === 'model') {
    const client = getAnthropicClient(env.anthropic, env.drafting.concurrency)
    const result = await draftWithClaude(client, draftRequestInput(env, { question, cancerType, library, retrieved }))
    draft = result.draft
    calls = result.calls
  } else {
    draft = extractiveDraft({ questionText: question.text, cancerTypeName: cancerType.name, retrieved })
  }
  try {
    const { answerId, warnings } = await saveDraft(payload, {
      question,
      cancerType,
      draft,
      retrieved,
      drafter,
      model: drafter === 'model' ? env.anthropic.model : undefined,
      calls,
    })
    return { answerId, drafter, warnings, modelCalls: calls.length }
  } catch (error) {
    // The calls are paid for whatever failed after them: carry them to the ledger.
    const failure = classifyDraftError(error)
    throw new DraftFailureWithCalls(failure.reason, failure.retryable, calls)
  }
}

/**
 * Makes a failure visible and keeps what it cost: the question shows the reason (still "drafting"
 * while a retry is scheduled, "draft_failed" once none is), and paid calls go to the ledger.
 * Its own transaction, so it survives the job's failure. The question's text and any earlier
 * answer are not touched.
 */
export async function recordDraftFailure(
  payload: Payload,
  env: Env,
  questionId: Id,
  error: unknown,
  { final, attempt, batch = false }: { final: boolean; attempt: number; batch?: boolean },
): Promise<void> {
  const failure = classifyDraftError(error)
  const calls = error instanceof DraftFailureWithCalls ? error.calls : []
  const reason = failureReason(failure, { final, attempt, attempts: env.drafting.jobAttempts })
  // The paid calls first, in a transaction of their own: whatever happens to the question's update,
  // what was spent stays on the ledger.
  if (calls.length > 0)
    await inNewTransaction(payload, (req) =>
      recordModelCalls(req, {
        calls,
        model: env.anthropic.model,
        questionId,
        outcome: 'discarded',
        purpose: batch ? 'batch' : undefined,
      }),
    )
  await inNewTransaction(payload, async (req) => {
    // Only a question still waiting for this draft: an editor may have archived it meanwhile.
    await transitionQuestion(req, questionId, 'draft_failed', {
      to: final ? 'draft_failed' : 'drafting',
      data: { draftFailureReason: reason },
    })
  })
}
