import Anthropic from '@anthropic-ai/sdk'
import { APIError, ValidationError } from 'payload'
import { UnknownCitationMarker } from '../claims/markers'
import { withVisibleControls } from '../input/visibleControls'

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
    return new DraftFailure('The Anthropic API rate limit was still exceeded after retries (429).', true)
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new DraftFailure('The Anthropic API did not answer in time (timeout).', true)
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new DraftFailure(`Could not reach the Anthropic API (${error.message}).`, true)
  }
  if (error instanceof Anthropic.APIError && error.status === 529) {
    return new DraftFailure('The Anthropic API was overloaded (529) through every retry.', true)
  }
  if (error instanceof Anthropic.InternalServerError || (error instanceof Anthropic.APIError && (error.status ?? 0) >= 500)) {
    return new DraftFailure(`The Anthropic API had a server error (${(error as InstanceType<typeof Anthropic.APIError>).status}).`, true)
  }
  if (error instanceof ValidationError || (error instanceof APIError && error.status < 500)) {
    // Our own rules refused the draft (e.g. a citation check): trying again would be refused again.
    return new DraftFailure(`Saving the draft was refused: ${describeValidation(error)}`, false)
  }
  if (error instanceof UnknownCitationMarker) {
    // The draft's text names a citation it does not have: the same input fails the same way again.
    return new DraftFailure(`The draft could not be saved: ${error.message.replace(/\.$/, '')}.`, false)
  }
  if (error instanceof SyntaxError) {
    return new DraftFailure(`The Anthropic API sent a response that is not valid JSON (${error.message}).`, true)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new DraftFailure(`Unexpected error while drafting: ${message}`, true)
}

/** Longest failure reason kept on a question: the problems list can quote a whole model reply. */
export const MAX_FAILURE_REASON = 4_000

/**
 * A failure reason as a question can store it. It may quote the model (a citation's quote, a passage
 * key), and control characters in it made the question's save fail (the NUL check), which left the
 * question "drafting" with no reason and rolled back its paid calls: they are shown as their Unicode
 * control pictures (a NUL as ␀), line breaks and tabs kept. An overlong reason is cut, and says so.
 */
export function storableReason(reason: string): string {
  const visible = withVisibleControls(reason)
  if (visible.length <= MAX_FAILURE_REASON) return visible
  const cut = ` [...] (cut at ${MAX_FAILURE_REASON.toLocaleString('en')} characters)`
  return visible.slice(0, MAX_FAILURE_REASON - cut.length) + cut
}

/** What the question says about a failure: whether it will be tried again, or must be sent again. */
export function failureReason(
  failure: DraftFailure,
  { final, attempt, attempts }: { final: boolean; attempt: number; attempts: number },
): string {
  if (!final) return storableReason(`Attempt ${attempt} of ${attempts} failed: ${failure.reason} The draft will be retried later.`)
  if (!failure.retryable) return storableReason(failure.reason)
  const resend = 'send the question to drafting again to retry.'
  return storableReason(
    attempt >= attempts
      ? `${failure.reason} All ${attempts} attempts failed; ${resend}`
      : `${failure.reason} It is not retried automatically; ${resend}`,
  )
}

function apiMessage(error: InstanceType<typeof Anthropic.APIError>): string {
  const body = error.error as { error?: { message?: string } } | undefined
  return body?.error?.message ?? error.message
}

function describeValidation(error: APIError): string {
  const details = (error.data as { errors?: { message: string }[] } | undefined)?.errors?.map((item) => item.message)
  return details?.length ? details.join('; ') : error.message
}

/** A draft written for a question an editor reworded or moved to another cancer type meanwhile. */
export const SOURCE_CHANGED_WHILE_DRAFTING =
  'A guideline the draft cites was superseded (or no longer covers this cancer type) while the draft was being made, so the draft was discarded.'

export const QUESTION_EDITED_WHILE_DRAFTING =
  'The question was edited while its draft was being made (its wording or its cancer type), so the draft, written for the question as it was, was discarded. Send it to drafting again.'
