import type { PayloadRequest } from 'payload'

import type { PublicChangeKind } from '@/lib/public/cacheTags'

export type CdnPurge = { kind: PublicChangeKind; slugs: string[]; tags: string[] }

/**
 * CONTRACT STUB (issue 15, helper "purge"): writes a purge of `tags` to the purge outbox in the
 * request's transaction; it is sent after the commit (and retried until it succeeds).
 */
export async function queueCdnPurge(_req: PayloadRequest, _purge: CdnPurge): Promise<void> {}
