import { addDays } from 'date-fns'
import type { PayloadRequest } from 'payload'

import type { Answer, CancerType } from '@/payload-types'
import { ANSWERS, CANCER_TYPES } from '@collections/slugs'
import { refreshPublicAnswer } from '@hooks/refreshPublicReads'
import { now as clockNow } from '../clock'
import type { PublicAnswer, PublicNotice } from '../public/publicAnswer'
import { relationId, type Id } from '../relationId'
import { loadAnswer } from '../answers/loadAnswer'
import { notifyEditor } from '../workflow/outbox'
import { formatDay } from '../workflow/states'
import { transitionAnswer } from '../workflow/transitions'

export type EvidencePolicyOutcome = 'noticed' | 'withdrawn' | 'not_live'

/** A cancer type's policy fields, with their defaults for types saved before they existed. */
export const DEFAULT_EVIDENCE_NOTICE_DAYS = 14
export const DEFAULT_REVIEW_LEAD_DAYS = 30
export const DEFAULT_OVERDUE_GRACE_DAYS = 14

export const evidenceNoticeDays = (type: Pick<CancerType, 'evidenceNoticeDays'>) => type.evidenceNoticeDays ?? DEFAULT_EVIDENCE_NOTICE_DAYS
export const reviewLeadDays = (type: Pick<CancerType, 'reviewLeadDays'>) => type.reviewLeadDays ?? DEFAULT_REVIEW_LEAD_DAYS
export const overdueGraceDays = (type: Pick<CancerType, 'overdueGraceDays'>) => type.overdueGraceDays ?? DEFAULT_OVERDUE_GRACE_DAYS
export const overduePolicy = (type: Pick<CancerType, 'overduePolicy'>) => type.overduePolicy ?? 'notice'

type NoticeKind = PublicNotice['kind']

/** What patients read above a live answer with a notice (also in the read API's `notice.message`). */
export function noticeMessage(kind: NoticeKind, since: string): string {
  return kind === 'evidence_changed'
    ? `Sources updated on ${formatDay(since)}; under clinical review.`
    : `Review overdue: this answer was due for its clinical review on ${formatDay(since)}. It is being reviewed again.`
}

/** The live (published) row of an answer, or null when no version of it is online. */
export async function findLiveAnswer(req: PayloadRequest, answerId: Id): Promise<Answer | null> {
  const { docs } = await req.payload.find({
    collection: ANSWERS,
    where: { and: [{ id: { equals: answerId } }, { _status: { equals: 'published' } }] },
    draft: false,
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return (docs[0] as Answer | undefined) ?? null
}

async function cancerTypeOf(req: PayloadRequest, answer: Pick<Answer, 'cancerType'>): Promise<CancerType> {
  return (await req.payload.findByID({
    collection: CANCER_TYPES,
    id: relationId(answer.cancerType)!,
    depth: 0,
    overrideAccess: true,
    req,
  })) as CancerType
}

/**
 * `notify: false` leaves the editor's email to the caller: one change under a thousand answers is
 * one email listing them (flagEvidenceChange), not a thousand.
 */
export type PolicyOptions = { notify?: boolean }

/**
 * What happens to the live version of an answer whose cited evidence changed (issue 14), in the
 * caller's transaction: withdrawn at once for a safety correction (or when its cancer type gives no
 * notice period); otherwise it stays live with a dated public notice for the cancer type's
 * `evidenceNoticeDays`, after which the lifecycle sweep withdraws it unless a new version was
 * approved (runLifecycle). A second change during a notice keeps the first notice's dates.
 */
export async function applyEvidencePolicy(
  req: PayloadRequest,
  answerId: Id,
  { changedOn, safetyCorrection }: { changedOn: Date; safetyCorrection: boolean },
  { notify = true }: PolicyOptions = {},
): Promise<EvidencePolicyOutcome> {
  const live = await findLiveAnswer(req, answerId)
  if (!live) return 'not_live'
  const type = await cancerTypeOf(req, live)
  const days = evidenceNoticeDays(type)
  const changed = formatDay(changedOn.toISOString())
  if (safetyCorrection) {
    await withdrawLiveAnswer(req, answerId, `A source it cites was corrected for safety on ${changed}: withdrawn until re-approved.`, {
      notify,
    })
    return 'withdrawn'
  }
  const until = addDays(changedOn, days)
  if (days === 0 || until <= clockNow()) {
    await withdrawLiveAnswer(
      req,
      answerId,
      `A source it cites was updated on ${changed}; ${type.name} answers are withdrawn ${days === 0 ? 'at once' : `after ${days} days`} until re-approved.`,
      { notify },
    )
    return 'withdrawn'
  }
  if (live.liveNotice?.kind === 'evidence_changed') return 'noticed'
  await setLiveNotice(req, live, { kind: 'evidence_changed', since: changedOn.toISOString(), until: until.toISOString() })
  if (!notify) return 'noticed'
  await notifyEditor(req, live, {
    template: 'live_notice',
    subject: `Sources updated, notice shown: ${live.title}`,
    text: `A source cited by "${live.title}" was updated on ${changed}. The live answer now shows "${noticeMessage('evidence_changed', changedOn.toISOString())}" and is withdrawn on ${formatDay(until.toISOString())} unless a reviewer approves it again before then.`,
  })
  return 'noticed'
}

/**
 * Puts a notice on the live version: on its row and in its pre-built public JSON, then refreshes the
 * public reads once committed. Written through the database adapter on the live row only: a
 * Payload update that is not a draft save would copy the newest draft (the version in review) over
 * the live one, and a draft save would not reach the live row at all.
 */
export async function setLiveNotice(
  req: PayloadRequest,
  live: Answer,
  notice: { kind: NoticeKind; since: string; until: string | null },
): Promise<void> {
  const publicNotice: PublicNotice = { kind: notice.kind, since: notice.since, message: noticeMessage(notice.kind, notice.since) }
  const publicJson = { ...(live.publicJson as PublicAnswer), notice: publicNotice }
  await req.payload.db.updateOne({
    collection: ANSWERS,
    id: live.id,
    data: { publicJson, liveNotice: notice },
    returning: false,
    req,
  })
  // The admin shows the newest version: it shows the notice too (in place, as claim verification
  // does, so an editor with the answer open is not told someone else changed it).
  const { docs } = await req.payload.db.findVersions<Answer>({
    collection: ANSWERS,
    where: { and: [{ parent: { equals: live.id } }, { latest: { equals: true } }] },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  const newest = docs[0]
  if (newest) {
    await req.payload.db.updateVersion<Answer>({
      collection: ANSWERS,
      id: newest.id,
      versionData: { ...newest, version: { ...newest.version, liveNotice: notice } },
      req,
    })
  }
  await refreshPublicAnswer(req, live)
}

/**
 * Takes the live version of an answer offline (a recorded system transition with its reason), in
 * the caller's transaction; its editors are emailed and the public reads refreshed. The editorial
 * stage stays as it is: a review under way goes on, and the new version goes live when approved.
 */
export async function withdrawLiveAnswer(
  req: PayloadRequest,
  answerId: Id,
  why: string,
  { notify = true }: PolicyOptions = {},
): Promise<boolean> {
  const live = await findLiveAnswer(req, answerId)
  if (!live) return false
  const latest = await loadAnswer(req, answerId)
  await transitionAnswer(req, latest, 'withdraw_live', {
    to: latest.workflowStage ?? 'draft',
    withdrawLive: true,
    why,
    data: { liveNotice: { kind: null, since: null, until: null } },
  })
  await refreshPublicAnswer(req, live, 'withdrawn')
  if (!notify) return true
  await notifyEditor(req, latest, {
    template: 'answer_withdrawn',
    subject: `Withdrawn from the public site: ${live.title}`,
    text: `"${live.title}" is no longer on the public site. ${why} It goes live again when reviewers approve its current version.`,
  })
  return true
}
