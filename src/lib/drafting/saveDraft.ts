import type { Payload, PayloadRequest } from 'payload'

import type { CancerType, Question } from '@/payload-types'
import { GUIDELINE_SOURCES, MODEL_USAGE, QUESTIONS } from '@collections/slugs'
import type { ModelCall } from '../anthropic/client'
import { addUsage, costUsd, NO_USAGE, round6 } from '../anthropic/pricing'
import { PROMPT_VERSION } from '../anthropic/prompt'
import type { RankedPassage } from '../retrieval/passages'
import { MARKER } from '../claims/citeNode'
import { markdownWithCitations } from '../claims/markers'
import { richTextRefusal } from '../richTextPolicy'
import { inNewTransaction } from '../transaction'
import { findAnswerForQuestion } from '../answers/findAnswerForQuestion'
import { saveDraftedAnswer, transitionQuestion } from '../workflow/transitions'
import type { DraftOutput } from './draftSchema'
import { DraftFailure, QUESTION_EDITED_WHILE_DRAFTING, SOURCE_CHANGED_WHILE_DRAFTING } from './failures'
import { relationId, type Id } from '@/lib/relationId'

export type Drafter = 'model' | 'extractive'

/**
 * Saves a validated draft, in one transaction: the question moved to "drafted" (only if it is still
 * drafting), the answer (a new draft version when the question already has an answer, so earlier
 * versions and any live version stay), and its ledger entries.
 */
export async function saveDraft(
  payload: Payload,
  args: {
    question: Question
    cancerType: CancerType
    draft: DraftOutput
    retrieved: RankedPassage[]
    drafter: Drafter
    model?: string
    calls: ModelCall[]
    /** Made through the Message Batches API (half price). */
    batch?: boolean
  },
): Promise<{ answerId: Id; warnings: number }> {
  const { question, cancerType, draft, retrieved, drafter, calls, batch = false } = args
  const byKey = new Map(retrieved.map((passage) => [passage.key, passage]))
  const toCitation = (citation: DraftOutput['directAnswerCitations'][number]) => {
    const passage = byKey.get(citation.passageKey)!
    return { source: passage.sourceId, passageId: passage.passageId, quote: citation.quote }
  }
  // The answer's list holds the direct answer's citations; each section's become citation nodes
  // after the claims their markers follow (the Answers hook lists those too).
  const citations = dedupeCitations(draft.directAnswerCitations).map(toCitation)
  const claimCitations = draft.sections.flatMap((section) => section.citations.map(toCitation))
  let offset = 0
  const markdown = draft.sections
    .map((section) => {
      const renumbered = section.markdown.replace(MARKER, (_, n: string) => `[${offset + Number(n)}]`)
      offset += section.citations.length
      return `## ${section.heading}\n\n${renumbered}`
    })
    .join('\n\n')
  const usage = calls.reduce((sum, call) => addUsage(sum, call.usage), NO_USAGE)
  const model = args.model ?? calls.at(-1)?.message.model
  const callCosts = calls.map((call) => (model ? costUsd(model, call.usage, { batch }) : null))
  const totalCost = callCosts.every((cost) => cost !== null) ? round6(callCosts.reduce<number>((sum, cost) => sum + (cost ?? 0), 0)) : null

  const body = await markdownWithCitations(payload.config, markdown, claimCitations)
  // Model output is untrusted data: the same allow-list as an editor's save (the Answers hook would
  // refuse it too), checked here so the question fails with a reason instead of a save error.
  const refusal = richTextRefusal(body, 'body')
  if (refusal) throw new DraftFailure(`The ${drafter === 'model' ? "model's" : 'extractive'} draft was refused. ${refusal}`, false)

  const data = {
    question: question.id,
    title: draft.title,
    cancerType: cancerType.id,
    summary: draft.directAnswer,
    body,
    questionsToAsk: draft.questionsToAsk,
    keyTakeaway: draft.keyTakeaway,
    citations,
    // No safetyWarnings: the Answers hook checkAnswerOnSave computes them on this save, as on any other.
    provenance: {
      draftedBy: drafter,
      modelId: drafter === 'model' ? model : null,
      promptVersion: drafter === 'model' ? PROMPT_VERSION : null,
      passageIds: retrieved.map((passage) => passage.key),
      ...usage,
      costUsd: drafter === 'model' ? totalCost : 0,
      latencyMs: calls.reduce((sum, call) => sum + call.latencyMs, 0),
      requestId: calls.at(-1)?.requestId ?? null,
      modelCalls: calls.length,
      author: null,
    },
  }

  return inNewTransaction(payload, async (req) => {
    // Written for the question as it was read before the model call: an editor who changed its
    // wording or cancer type meanwhile is asking another question, which this draft does not answer.
    const now = (await req.payload.findByID({
      collection: QUESTIONS,
      id: question.id,
      select: { text: true, cancerType: true },
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })) as Pick<Question, 'text' | 'cancerType'> | null
    if (now && (now.text !== question.text || String(relationId(now.cancerType)) !== String(cancerType.id))) {
      throw new DraftFailure(QUESTION_EDITED_WHILE_DRAFTING, false)
    }
    // Only current guidelines are cited in new drafts: one superseded (or no longer covering this
    // cancer type) while the model wrote is not. A retry retrieves the passages again.
    const citedSources = [...new Set([...citations, ...claimCitations].map((citation) => String(citation.source)))]
    const { totalDocs: stillCurrent } = await req.payload.count({
      collection: GUIDELINE_SOURCES,
      where: { and: [{ id: { in: citedSources } }, { status: { equals: 'current' } }, { cancerTypes: { in: [cancerType.id] } }] },
      overrideAccess: true,
      req,
    })
    if (stillCurrent < citedSources.length) throw new DraftFailure(SOURCE_CHANGED_WHILE_DRAFTING, true)
    // Claim the question's move to "drafted" first: if an editor archived it (or anything else
    // took it out of drafting) meanwhile, this draft is discarded rather than undoing their change.
    const claimed = await transitionQuestion(req, question.id, 'draft_saved', { data: { draftFailureReason: null } })
    if (!claimed) {
      throw new DraftFailure(
        'The question left "drafting" while its draft was being made (an editor archived it, or its answer went to review), so the draft was discarded.',
        false,
      )
    }
    const existing = await findAnswerForQuestion(req, question.id)
    const answer = await saveDraftedAnswer(req, existing ?? undefined, data)
    await recordModelCalls(req, {
      calls,
      model,
      questionId: question.id,
      answerId: answer.id,
      outcome: 'used',
      purpose: batch ? 'batch' : undefined,
    })
    return { answerId: answer.id, warnings: answer.safetyWarnings?.length ?? 0 }
  })
}

/** One ledger entry per model call; the first is the draft, any later one its repair. */
export async function recordModelCalls(
  req: PayloadRequest,
  {
    calls,
    model,
    questionId,
    answerId,
    outcome,
    purpose,
  }: {
    calls: ModelCall[]
    model?: string
    /** Undefined when the question no longer exists (the call is recorded all the same). */
    questionId: Id | undefined
    answerId?: Id
    outcome: 'used' | 'discarded'
    purpose?: 'batch'
  },
) {
  for (const [index, call] of calls.entries()) {
    const callModel = model ?? call.message.model
    await req.payload.create({
      collection: MODEL_USAGE,
      data: {
        month: new Date().toISOString().slice(0, 7),
        question: questionId,
        answer: answerId,
        model: callModel,
        promptVersion: PROMPT_VERSION,
        purpose: purpose ?? (index === 0 ? 'draft' : 'repair'),
        outcome,
        ...call.usage,
        costUsd: costUsd(callModel, call.usage, { batch: purpose === 'batch' }),
        latencyMs: call.latencyMs,
        requestId: call.requestId,
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
  }
}

function dedupeCitations(citations: DraftOutput['directAnswerCitations']) {
  const seen = new Set<string>()
  return citations.filter((citation) => {
    const key = `${citation.passageKey}|${citation.quote}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
