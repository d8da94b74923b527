export const ATTESTATION_STATEMENT = 'I reviewed this content for clinical accuracy.'

export const DECISIONS = [
  { label: 'Approve', value: 'approve' },
  { label: 'Request changes', value: 'request_changes' },
  { label: 'Reject', value: 'reject' },
] as const

export const APPROVALS_IMMUTABLE = 'Review decisions are permanent records and cannot be changed or deleted. Record a new decision instead.'

/** The 400 for an approval that does not name the content reviewed (bindApprovalToContent). */
export const APPROVAL_NEEDS_CONTENT_HASH =
  "To approve, send the contentHash of the content you reviewed, so that the approval counts for that content only: the review screen sends it, and over the API it is the answer's contentHash (GET /api/answers/:id?draft=true)."
