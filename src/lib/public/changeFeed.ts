import type { PayloadRequest } from 'payload'

import type { PublicChangeKind } from './cacheTags'

export type PublicChange = { kind: PublicChangeKind; slugs: string[]; tags: string[] }

/**
 * CONTRACT STUB (issue 15, helper "delivery"): records the change in the public change log, in the
 * request's transaction, so that every instance's poller evicts `tags` within PUBLIC_CHANGE_POLL_MS.
 */
export async function recordPublicChange(_req: PayloadRequest, _change: PublicChange): Promise<void> {}
