import type Anthropic from '@anthropic-ai/sdk'

import type { AnthropicClient, ModelCall } from '../anthropic/client'
import { buildDraftRequest, DRAFT_TOOL_NAME, repairMessages, type DraftRequestInput } from '../anthropic/prompt'
import { validateDraft, type DraftOutput } from './draftSchema'
import { classifyDraftError, DraftFailure } from './failures'

export type ClaudeDraft = { draft: DraftOutput; calls: ModelCall[]; repaired: boolean }

/**
 * One draft from Claude: the request, validation against the schema and the retrieved passages,
 * and at most one repair turn that shows the model what was wrong. Every call made is returned
 * (also on failure, through DraftFailureWithCalls) so its cost reaches the ledger.
 */
export async function draftWithClaude(
  client: AnthropicClient,
  input: Omit<DraftRequestInput, 'model'> & { model: string },
): Promise<ClaudeDraft> {
  const calls: ModelCall[] = []
  try {
    return await draftAndRepair(client, input, calls)
  } catch (error) {
    if (error instanceof DraftFailureWithCalls) throw error
    const failure = classifyDraftError(error)
    throw new DraftFailureWithCalls(failure.reason, failure.retryable, calls)
  }
}

async function draftAndRepair(
  client: AnthropicClient,
  input: Omit<DraftRequestInput, 'model'> & { model: string },
  calls: ModelCall[],
): Promise<ClaudeDraft> {
  const request = buildDraftRequest(input)
  const provided = new Map(input.retrieved.map((passage) => [passage.key, passage.text]))

  const first = await callOrCarry(client, request, calls)
  const firstCheck = validateDraft(toolInput(first.message), provided)
  if (firstCheck.ok) return { draft: firstCheck.draft, calls, repaired: false }

  const second = await callOrCarry(client, { ...request, messages: repairMessages(request, first.message, firstCheck.problems) }, calls)
  const secondCheck = validateDraft(toolInput(second.message), provided)
  if (secondCheck.ok) return { draft: secondCheck.draft, calls, repaired: true }
  throw new DraftFailureWithCalls(
    `The model's draft was still invalid after one repair attempt: ${secondCheck.problems.slice(0, 5).join('; ')}`,
    false,
    calls,
  )
}

/** A failure that still cost money: the calls made before it. */
export class DraftFailureWithCalls extends DraftFailure {
  constructor(
    reason: string,
    retryable: boolean,
    readonly calls: ModelCall[],
  ) {
    super(reason, retryable)
  }
}

async function callOrCarry(
  client: AnthropicClient,
  params: Anthropic.Messages.MessageCreateParamsNonStreaming,
  calls: ModelCall[],
): Promise<ModelCall> {
  const call = await client.createMessage(params)
  calls.push(call)
  if (call.message.stop_reason === 'refusal') {
    throw new DraftFailureWithCalls(
      'The model declined to draft an answer to this question (stop_reason: refusal). An editor should review the question.',
      false,
      calls,
    )
  }
  if (call.message.stop_reason === 'max_tokens') {
    // Validation would report a truncated draft as invalid anyway; say the real cause instead.
    throw new DraftFailureWithCalls(
      `The draft was cut off at the output limit (max_tokens ${params.max_tokens}). Raise DRAFT_MAX_TOKENS.`,
      false,
      calls,
    )
  }
  return call
}

/** The draft the model submitted: the tool call's input, or JSON in a text block as a fallback. */
export function toolInput(message: Anthropic.Messages.Message): unknown {
  const toolUse = message.content.find((block) => block.type === 'tool_use' && block.name === DRAFT_TOOL_NAME)
  if (toolUse && toolUse.type === 'tool_use') return toolUse.input
  const text = message.content.find((block) => block.type === 'text')
  if (text && text.type === 'text') {
    try {
      return JSON.parse(text.text)
    } catch {
      return { error: `no ${DRAFT_TOOL_NAME} tool call, and the text is not JSON` }
    }
  }
  return { error: `no ${DRAFT_TOOL_NAME} tool call` }
}
