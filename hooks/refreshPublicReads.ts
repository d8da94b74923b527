import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { queueCdnPurge } from '@/lib/cdnPurge'
import { afterCommit } from '@/lib/database/afterCommit'
import { type PublicChangeKind, tagsForAnswers, tagsForSiteChange } from '@/lib/public/cacheTags'
import { recordPublicChange } from '@/lib/public/changeFeed'
import { evictPublicResponses } from '@/lib/public/responseCache'
import { queueWebhookEvent } from '@/lib/webhooks'
import type { AnswerForEvent } from '@/lib/webhooks/events'

type Change = { kind: PublicChangeKind; slugs: string[]; tags: string[] }
/** The answer a change is about, for its webhook event (site-wide changes have none). */
type AnnouncedAnswer = AnswerForEvent

/**
 * Published content changed. In the change's transaction: an entry in the public change log (every
 * other instance evicts the tags within PUBLIC_CHANGE_POLL_MS), a CDN purge in the purge outbox and,
 * for an answer, its webhook event (answer.published/revised/withdrawn) in the webhook outbox.
 * Once it has committed: this instance's prepared responses (every public page and API response)
 * are evicted. Not before the commit: a public read in between would rebuild them from the old data.
 */
async function refresh(req: PayloadRequest, change: Change, answer?: AnnouncedAnswer) {
  await recordPublicChange(req, change)
  await queueCdnPurge(req, change)
  if (answer && change.kind !== 'site') await queueWebhookEvent(req, { type: `answer.${change.kind}`, answer })
  await afterCommit(req, () => evictPublicResponses(change.tags))
}

const answerChange = (kind: PublicChangeKind, ...slugs: (string | null | undefined)[]): Change => {
  const unique = [...new Set(slugs.filter((slug): slug is string => Boolean(slug)))]
  return { kind, slugs: unique, tags: tagsForAnswers(unique) }
}

/** `answer`: the live version as the public saw it, which a withdrawal announces. */
type LiveState = { live: boolean; slug?: string | null; answer?: AnnouncedAnswer }
const liveKey = (id: string | number) => `publicLiveBefore:${id}`

/**
 * What the public sees of the answer: its main document (drafts are versions and never public). Only
 * the columns a webhook event names: the whole answer would also read its body and every array and
 * relationship.
 */
async function readLive(req: PayloadRequest, id: string | number): Promise<LiveState> {
  const row = await req.payload.db.findOne<Answer>({
    collection: ANSWERS,
    where: { id: { equals: id } },
    select: { _status: true, slug: true, title: true, reviewCycle: true, publishedAt: true, lastReviewedAt: true, nextReviewDue: true },
    req,
  })
  return { live: row?._status === 'published', slug: row?.slug, answer: row ? { ...row, id } : undefined }
}

/**
 * Remembers, before an update, whether the answer was live and under which slug. Payload's
 * afterChange `previousDoc` is the latest VERSION, which is a draft whenever one was saved over the
 * live answer: it cannot tell a withdrawal from a draft save, nor a first publication from a revision.
 */
export const rememberLiveAnswer: CollectionBeforeChangeHook<Answer> = async ({ data, operation, originalDoc, req }) => {
  if (operation === 'update' && originalDoc?.id !== undefined) req.context[liveKey(originalDoc.id)] = await readLive(req, originalDoc.id)
  return data
}

/**
 * The exact public change of a save: published (was not live, is now), revised (live before and
 * after, a new version published), withdrawn (live before, not after). A draft saved over a live
 * answer changes nothing public: the main document is untouched (no refresh, no purge, no feed row).
 */
export const refreshAfterAnswerChange: CollectionAfterChangeHook<Answer> = async ({ doc, operation, req }) => {
  const before: LiveState =
    operation === 'update' ? ((req.context[liveKey(doc.id)] as LiveState | undefined) ?? { live: false }) : { live: false }
  delete req.context[liveKey(doc.id)]
  // A draft save leaves the main document live; an unpublish (a non-draft save of status draft) does not.
  const liveNow = doc._status === 'published' || (before.live && (await readLive(req, doc.id)).live)
  if (before.live && liveNow && doc._status !== 'published') return doc
  if (!before.live && !liveNow) return doc
  const kind: PublicChangeKind = !before.live ? 'published' : liveNow ? 'revised' : 'withdrawn'
  // A withdrawal announces the page that was live, not the draft the save copied over it (its
  // title and address, which a receiving site looks for, are the live version's).
  await refresh(req, answerChange(kind, doc.slug, before.slug), kind === 'withdrawn' ? (before.answer ?? doc) : doc)
  return doc
}

export const refreshAfterAnswerDelete: CollectionAfterDeleteHook<Answer> = async ({ doc, req }) => {
  if (doc._status === 'published') await refresh(req, answerChange('withdrawn', doc.slug), doc)
  return doc
}

const siteChange = (): Change => ({ kind: 'site', slugs: [], tags: tagsForSiteChange() })

/**
 * Names and slugs of cancer types appear on every public page, so creating, renaming or deleting one
 * refreshes them all (which also rebuilds the catalog from scratch, types included). Its other
 * fields (review interval, evidence policy) are not public: saving them purges nothing, where it
 * used to empty every CDN and every instance's store.
 */
export const refreshAfterCancerTypeChange: CollectionAfterChangeHook<CancerType> = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'create' || doc.name !== previousDoc?.name || doc.slug !== previousDoc?.slug) await refresh(req, siteChange())
  return doc
}

export const refreshAfterCancerTypeDelete: CollectionAfterDeleteHook<CancerType> = async ({ doc, req }) => {
  await refresh(req, siteChange())
  return doc
}

/**
 * For server code that changes what the public sees of a live answer without a save of it (the
 * lifecycle's notices and withdrawals, src/lib/lifecycle/livePolicy.ts): the same refresh.
 */
export async function refreshPublicAnswer(
  req: PayloadRequest,
  answer: AnnouncedAnswer,
  kind: Exclude<PublicChangeKind, 'site'> = 'revised',
): Promise<void> {
  await refresh(req, answerChange(kind, answer.slug), answer)
}
