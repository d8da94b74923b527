import Anthropic from '@anthropic-ai/sdk'
import { APIError, ValidationError } from 'payload'

/**
 * Why a draft could not be made, in words an editor can act on, and whether trying again later
 * could help (a busy or unreachable API) or not (no sources, a refusal, a rejected key, a draft
 * that stayed invalid after its repair attempt).
 */
export class DraftFailure extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason)
    this.name = 'DraftFailure'
  }
}

export function classifyDraftError(error: unknown): DraftFailure {
  if (error instanceof DraftFailure) return error
  if (error instanceof Anthropic.AuthenticationError) {
    return new DraftFailure('The Anthropic API rejected the API key (401). Check ANTHROPIC_API_KEY, then retry the draft.', false)
  }
  if (error instanceof Anthropic.PermissionDeniedError) {
    return new DraftFailure(`The Anthropic API refused access (403): ${apiMessage(error)}`, false)
  }
  if (error instanceof Anthropic.NotFoundError) {
    return new DraftFailure(
      `The Anthropic API does not know this model or route (404): ${apiMessage(error)}. Check ANTHROPIC_MODEL.`,
      false,
    )
  }
  if (error instanceof Anthropic.BadRequestError) {
    return new DraftFailure(`The Anthropic API rejected the request (400): ${apiMessage(error)}`, false)
  }
  if (error instanceof Anthropic.RateLimitError) {
    return new DraftFailure('The Anthropic API rate limit was still exceeded after retries (429). The draft will be retried later.', true)
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new DraftFailure('The Anthropic API did not answer in time (timeout). The draft will be retried later.', true)
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new DraftFailure(`Could not reach the Anthropic API (${error.message}). The draft will be retried later.`, true)
  }
  if (error instanceof Anthropic.APIError && error.status === 529) {
    return new DraftFailure('The Anthropic API was overloaded (529) through every retry. The draft will be retried later.', true)
  }
  if (error instanceof Anthropic.InternalServerError || (error instanceof Anthropic.APIError && (error.status ?? 0) >= 500)) {
    return new DraftFailure(
      `The Anthropic API had a server error (${(error as InstanceType<typeof Anthropic.APIError>).status}). The draft will be retried later.`,
      true,
    )
  }
  if (error instanceof ValidationError || (error instanceof APIError && error.status < 500)) {
    // Our own rules refused the draft (e.g. a citation check): trying again would be refused again.
    return new DraftFailure(`Saving the draft was refused: ${describeValidation(error)}`, false)
  }
  if (error instanceof SyntaxError) {
    return new DraftFailure(
      `The Anthropic API sent a response that is not valid JSON (${error.message}). The draft will be retried later.`,
      true,
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return new DraftFailure(`Unexpected error while drafting: ${message}`, true)
}

function apiMessage(error: InstanceType<typeof Anthropic.APIError>): string {
  const body = error.error as { error?: { message?: string } } | undefined
  return body?.error?.message ?? error.message
}

function describeValidation(error: APIError): string {
  const details = (error.data as { errors?: { message: string }[] } | undefined)?.errors?.map((item) => item.message)
  return details?.length ? details.join('; ') : error.message
}
