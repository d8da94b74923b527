/**
 * Request-context flags that only server code can set (REST and GraphQL clients cannot write
 * req.context). The publishing guard lets a write through only when the approval rule made it.
 */
export const PUBLISH_VIA_APPROVAL_RULE = 'publishViaApprovalRule'

/** Set by the publishing guard while a version restore runs, so the restored draft restarts review. */
export const RESTORING_VERSION = 'restoringVersion'

/** The id of the version being restored (set with RESTORING_VERSION): its authors stay its authors. */
export const RESTORED_VERSION_ID = 'restoredVersionId'

/** Set by the publishing guard when an admin takes a live answer offline. */
export const UNPUBLISHING = 'unpublishing'

/**
 * Set by the lifecycle policy (src/lib/lifecycle/livePolicy.ts) on the system's own withdrawal of a
 * live version: the publishing guard lets this one non-draft save (`_status: 'draft'`) through.
 */
export const WITHDRAWING_LIVE = 'withdrawingLive'

/** Set on writes made by routing, so the hooks for an editor's manual reassignment stay out. */
export const ROUTING = 'routing'

/**
 * Set by computeContentHash on every answer save: whether this save changed what the patient page
 * would show (compared with the page context as it is now, so an earlier edit of the question text
 * is not charged to whoever saves next). recordAuthorship and reopenChangedAnswer read it.
 */
export const CONTENT_CHANGED = 'answerContentChanged'

/**
 * The answer as read by whoever records a review decision (recordDecision, or the approvals
 * collection's own hook when the decision comes in over REST): the approval's hooks and the
 * approval rule act on this document instead of reading it again. Read only for an approval of the
 * answer with the same id, and cleared once the decision is applied, so a later write in the same
 * request never sees a stale copy.
 */
export const REVIEWED_ANSWER = 'reviewedAnswer'

/**
 * The question and cancer type of the answer being saved, as the caller read them moments before in
 * the same transaction (publishAnswer builds the public record from them): computeContentHash uses
 * them instead of reading both again, each only if it is the one the answer names.
 */
export const PAGE_DOCUMENTS = 'answerPageDocuments'

/**
 * Runs one write with server-only flags, then takes them off the request again. Payload merges an
 * operation's `context` into `req.context` for the rest of the request, so a flag left behind
 * (ROUTING, say) would vouch for every later write made with the same `req`, a lock bypass.
 */
export async function withFlags<T>(
  req: { context: Record<string, unknown> },
  flags: Record<string, unknown>,
  write: (context: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const before = Object.keys(flags).map((key) => [key, key in req.context, req.context[key]] as const)
  try {
    return await write(flags)
  } finally {
    for (const [key, had, value] of before) {
      if (had) req.context[key] = value
      else delete req.context[key]
    }
  }
}
