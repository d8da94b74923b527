import { revalidatePath } from 'next/cache'
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { afterCommit } from '@/lib/database/afterCommit'
import { clearPublicResponses } from '@/lib/public/responseCache'

/**
 * Published content changed: once the change has committed, the public API's cached responses are
 * dropped and the statically generated public pages are regenerated on their next request. Not
 * before the commit: a public read in between would rebuild the cache from the old data.
 */
function refresh(req: PayloadRequest, paths: { path: string; type?: 'page' | 'layout' }[]) {
  return afterCommit(req, () => refreshNow(req, paths))
}

function refreshNow(req: PayloadRequest, paths: { path: string; type?: 'page' | 'layout' }[]) {
  clearPublicResponses()
  for (const { path, type } of paths) {
    try {
      revalidatePath(path, type)
    } catch (error) {
      // Scripts and tests call the Local API outside a Next.js server: there is no page cache
      // in this process to revalidate (pages also expire on their own, see the README).
      const outsideNext = error instanceof Error && /static generation store missing/i.test(error.message)
      if (outsideNext) req.payload.logger.debug(`No Next.js request: ${path} not revalidated here.`)
      else req.payload.logger.error({ err: error, msg: `Could not revalidate ${path}` })
    }
  }
}

const answerPaths = (...slugs: (string | null | undefined)[]) => [
  ...[...new Set(slugs.filter(Boolean))].map((slug) => ({ path: `/answers/${slug}` })),
  // Every cancer type's list (an answer can move between types). A route pattern must name the
  // route group: Next tags the page "/(frontend)/cancer-types/[slug]", so "/cancer-types/[slug]"
  // matched nothing and the lists stayed stale until `revalidate` (300 s) ran out.
  { path: '/(frontend)/cancer-types/[slug]', type: 'page' as const },
  { path: '/' },
]

export const refreshAfterAnswerChange: CollectionAfterChangeHook<Answer> = async ({ doc, previousDoc, req }) => {
  if (doc._status === 'published' || previousDoc?._status === 'published') await refresh(req, answerPaths(doc.slug, previousDoc?.slug))
  return doc
}

export const refreshAfterAnswerDelete: CollectionAfterDeleteHook<Answer> = async ({ doc, req }) => {
  if (doc._status === 'published') await refresh(req, answerPaths(doc.slug))
  return doc
}

/** Names and slugs of cancer types appear on every public page. */
export const refreshAfterCancerTypeChange: CollectionAfterChangeHook<CancerType> = async ({ doc, req }) => {
  await refresh(req, [{ path: '/', type: 'layout' }])
  return doc
}

export const refreshAfterCancerTypeDelete: CollectionAfterDeleteHook<CancerType> = async ({ doc, req }) => {
  await refresh(req, [{ path: '/', type: 'layout' }])
  return doc
}

/**
 * For server code that changes what the public sees of a live answer without a save of it (the
 * lifecycle's notices, src/lib/lifecycle/livePolicy.ts): the same refresh, after the commit.
 */
export async function refreshPublicAnswer(req: PayloadRequest, slug: string | null | undefined): Promise<void> {
  await refresh(req, answerPaths(slug))
}
