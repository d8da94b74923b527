export const ATTESTATION_STATEMENT = 'I reviewed this content for clinical accuracy.'

export const DECISIONS = [
  { label: 'Approve', value: 'approve' },
  { label: 'Request changes', value: 'request_changes' },
  { label: 'Reject', value: 'reject' },
] as const

export const APPROVALS_IMMUTABLE = 'Review decisions are permanent records and cannot be changed or deleted. Record a new decision instead.'
