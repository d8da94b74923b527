import type { Payload, PayloadRequest } from 'payload'

import type { Answer, EvidenceChange, GuidelineSource } from '@/payload-types'
import { ANSWERS, EVIDENCE_CHANGES, GUIDELINE_SOURCES } from '@collections/slugs'
import { findAnswer } from '../answers/loadAnswer'
import { answerClaims } from '../claims/answerClaims'
import { answerReferences } from '../claims/references'
import { now } from '../clock'
import { applyEvidencePolicy, noticeMessage, type EvidencePolicyOutcome } from '../lifecycle/livePolicy'
import { documentId, relationId, type Id } from '../relationId'
import { inNewTransaction } from '../transaction'
import { queueWebhookEvent } from '../webhooks'
import { ROUTING, withFlags } from '../workflow/context'
import { notifyEditor } from '../workflow/outbox'
import { canSubmit } from '../workflow/states'
import { submitForReview } from '../workflow/submitForReview'
import { forgetClaimMarks } from '../review/markClaim'
import { evidenceChangeViews } from './evidenceView'
import { proposeReplacementCitations } from './proposeReplacements'
import { routeForReReview } from './routeForReReview'

export type EvidenceFlag = NonNullable<Answer['evidenceChanges']>[number]

/** What happened to one answer citing a changed passage. */
export type FlaggedAnswer = {
  answerId: string
  passages: string[]
  /** The live version's fate (lifecycle's policy), null when no live version cites a changed passage. */
  live: EvidencePolicyOutcome | null
  /** For a superseded source: whether a draft re-citing the replacement was saved. */
  proposalSaved: boolean | null
  /** Where the answer's review stands after flagging (its workflow stage). */
  stage: string
  /** False when flagging this answer was refused and rolled back (see `refused`). */
  flagged: boolean
  /** Sent back to review by this change and waiting for a reviewer with capacity (told in one email). */
  waiting?: boolean
  title?: string
  /** Why a step was refused, null when none was. */
  refused: string | null
}

export type FlagOutcome = { changeId: string; alreadyDone: boolean; answers: FlaggedAnswer[] }

type Citing = { id: Id; live: Answer | null; latest: Answer | null }

/**
 * A refusal (a 4xx APIError: a hook's 409, a validation error), told apart by its status, not by
 * `instanceof`: the production bundle's APIError class is not the one Payload throws (see loadReview).
 */
const refusalMessage = (error: unknown): string | null => {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500 ? (error as Error).message : null
}

/**
 * The answers whose live version or latest version cites one of `passageIds` of the source. The
 * `citations` array mirrors the body's citation nodes (mirrorClaimCitations), so two queries find
 * them all; the array conditions may match different rows, so each answer is checked again here.
 */
async function answersCitingPassages(payload: Payload, sourceId: Id, passageIds: string[]): Promise<Citing[]> {
  const byId = new Map<string, Citing>()
  for (const draft of [false, true]) {
    const { docs } = await payload.find({
      collection: ANSWERS,
      where: { and: [{ 'citations.source': { equals: sourceId } }, { 'citations.passageId': { in: passageIds } }] },
      draft,
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
    for (const answer of docs as Answer[]) {
      if (citedChanged(answer, sourceId, passageIds).length === 0) continue
      if (!draft && answer._status !== 'published') continue
      const entry = byId.get(String(answer.id)) ?? { id: answer.id, live: null, latest: null }
      if (draft) entry.latest = answer
      else entry.live = answer
      byId.set(String(answer.id), entry)
    }
  }
  return [...byId.values()]
}

/** The changed passages (of this source) an answer version cites, in reference order. */
function citedChanged(answer: Pick<Answer, 'citations' | 'body'> | null, sourceId: Id, passageIds: string[]): string[] {
  if (!answer) return []
  return answerReferences(answer)
    .filter((reference) => String(reference.source) === String(sourceId) && passageIds.includes(reference.passageId))
    .map((reference) => reference.passageId)
}

/**
 * The job behind an evidence change (queue "lifecycle"): every answer whose live or latest version
 * cites a changed passage is flagged with the passages' old and new text. Each answer in its own
 * transaction, with its outcome stored on the change; an answer with a stored outcome is skipped,
 * so a retried job finishes the rest and the editors' email covers every run. For a live answer,
 * in this order (LIFECYCLE.md): the cancer type's evidence policy for the live version, for a
 * superseded source a proposed re-citation, then review again (`evidence_changed`). Drafts and
 * answers in review are flagged only: their editor and reviewer see the change on the edit and
 * review screens.
 */
export async function flagEvidenceChange(payload: Payload, changeId: Id): Promise<FlagOutcome> {
  const change = (await payload.findByID({ collection: EVIDENCE_CHANGES, id: changeId, depth: 0, overrideAccess: true })) as EvidenceChange
  if (change.status === 'flagged') return { changeId: String(change.id), alreadyDone: true, answers: [] }
  const sourceId = relationId(change.source)!
  const source = (await payload.findByID({
    collection: GUIDELINE_SOURCES,
    id: sourceId,
    select: { title: true },
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })) as Pick<GuidelineSource, 'title'> | null
  const passageIds = (change.passages ?? []).map((passage) => passage.passageId)
  const citing = passageIds.length === 0 ? [] : await answersCitingPassages(payload, sourceId, passageIds)

  const answers: FlaggedAnswer[] = []
  for (const entry of citing) {
    const cited = [...new Set([...citedChanged(entry.latest, sourceId, passageIds), ...citedChanged(entry.live, sourceId, passageIds)])]
    const flags: EvidenceFlag[] = cited.map((passageId) => {
      const passage = change.passages!.find((candidate) => candidate.passageId === passageId)!
      return {
        change: change.id,
        source: sourceId,
        sourceTitle: source?.title ?? null,
        passageId,
        heading: passage.heading ?? null,
        kind: change.kind,
        oldText: passage.oldText ?? null,
        newText: passage.newText ?? null,
        oldVersion: passage.oldVersion ?? null,
        newVersion: passage.newVersion ?? null,
        changedOn: change.changedOn,
        safetyCorrection: Boolean(change.safetyCorrection),
        note: change.note ?? null,
      }
    })
    try {
      await inNewTransaction(payload, async (req) => {
        // Read in the answer's transaction: an answer an earlier run of this job flagged is done,
        // even if a publication has cleared its flag since.
        const stored = await readOutcomes(req, change.id)
        if (stored.some((outcome) => outcome.answerId === String(entry.id))) return
        const outcome = await flagAnswer(req, change, entry, flags)
        // Stored with the answer's flag, in its transaction: a run that fails half-way, or one
        // running alongside, leaves what it did where the run that finishes reads it.
        await writeOutcomes(req, change.id, [...stored, outcome])
      })
    } catch (error) {
      // A refusal (a Payload APIError: a 409 from a hook, say) rolls back this answer only and is
      // reported; anything else is a fault and fails the job, which retries the unflagged rest.
      const refused = refusalMessage(error)
      if (refused === null) throw error
      answers.push({
        answerId: String(entry.id),
        passages: cited,
        live: null,
        proposalSaved: null,
        stage: entry.latest?.workflowStage ?? 'draft',
        flagged: false,
        refused,
      })
    }
  }

  // Every answer's outcome, whichever run flagged it, with the refusals of this run.
  let all: FlaggedAnswer[] = []
  const done = await inNewTransaction(payload, async (req) => {
    const current = await req.payload.findByID({ collection: EVIDENCE_CHANGES, id: change.id, depth: 0, overrideAccess: true, req })
    // Another run of this job finished first: it has told the editors.
    if (current.status === 'flagged') return false
    const byAnswer = new Map<string, FlaggedAnswer>()
    for (const outcome of [...storedOutcomes(current), ...answers])
      if (!byAnswer.has(outcome.answerId)) byAnswer.set(outcome.answerId, outcome)
    // An answer flagged by a run and deleted before the last step (an editor may delete a draft) is
    // reported as deleted: the change's record cannot point at it.
    const ids = [...byAnswer.values()].filter((answer) => answer.flagged).map((answer) => answer.answerId)
    const { docs: existing } =
      ids.length === 0
        ? { docs: [] }
        : await req.payload.find({
            collection: ANSWERS,
            where: { id: { in: ids.map((id) => documentId(payload.db.defaultIDType, id)) } },
            select: { workflowStage: true },
            draft: true,
            pagination: false,
            depth: 0,
            overrideAccess: true,
            req,
          })
    const present = new Set(existing.map((answer) => String(answer.id)))
    all = [...byAnswer.values()].map((answer) =>
      // Nor can an email about it (its outbox row would point at the missing answer too).
      answer.flagged && !present.has(answer.answerId)
        ? { ...answer, flagged: false, waiting: false, live: null, stage: 'deleted' }
        : answer,
    )
    const flagged = all.filter((answer) => answer.flagged)
    const waiting = all.filter((answer) => answer.waiting)
    if (waiting.length > 0) await notifyWaiting(req, change, waiting)
    await notifyLiveOutcomes(req, change, all)
    await req.payload.update({
      collection: EVIDENCE_CHANGES,
      id: change.id,
      data: {
        status: 'flagged',
        flaggedAt: now().toISOString(),
        answersFlagged: flagged.length,
        answers: flagged.map((answer) => documentId(payload.db.defaultIDType, answer.answerId)),
        outcomes: all,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    return true
  })
  return done
    ? { changeId: String(change.id), alreadyDone: false, answers: all }
    : { changeId: String(change.id), alreadyDone: true, answers: [] }
}

const storedOutcomes = (change: Pick<EvidenceChange, 'outcomes'>) =>
  Array.isArray(change.outcomes) ? (change.outcomes as FlaggedAnswer[]) : []

/** The outcomes stored on the change so far, read in the caller's transaction (the column alone). */
async function readOutcomes(req: PayloadRequest, changeId: Id): Promise<FlaggedAnswer[]> {
  const current = await req.payload.db.findOne<EvidenceChange>({
    collection: EVIDENCE_CHANGES,
    where: { id: { equals: changeId } },
    select: { outcomes: true },
    req,
  })
  return storedOutcomes(current ?? {})
}

/**
 * Rewrites the change's outcomes, in the answer's transaction. Through the adapter, the column
 * alone: a Payload update would read and write the whole record each time. (About 250 bytes an
 * answer: the list rewritten per answer grows with the number of answers a change flags.)
 */
async function writeOutcomes(req: PayloadRequest, changeId: Id, outcomes: FlaggedAnswer[]): Promise<void> {
  await req.payload.db.updateOne({ collection: EVIDENCE_CHANGES, id: changeId, data: { outcomes }, returning: false, req })
}

const LISTED = 20

const listed = (answers: FlaggedAnswer[]) => [
  ...answers.slice(0, LISTED).map((answer) => `- ${answer.title ?? `Answer ${answer.answerId}`}`),
  ...(answers.length > LISTED ? [`- and ${answers.length - LISTED} more`] : []),
]

/** The editors are told once what this change did to the live answers: withdrawn, or live with a notice. */
async function notifyLiveOutcomes(req: PayloadRequest, change: EvidenceChange, answers: FlaggedAnswer[]): Promise<void> {
  const withdrawn = answers.filter((answer) => answer.live === 'withdrawn')
  const noticed = answers.filter((answer) => answer.live === 'noticed')
  if (withdrawn.length === 0 && noticed.length === 0) return
  const parts = [
    ...(withdrawn.length > 0
      ? [`Taken off the public site until a reviewer approves them again (${withdrawn.length}):\n${listed(withdrawn).join('\n')}`]
      : []),
    ...(noticed.length > 0
      ? [
          `Still live, with the public notice "${noticeMessage('evidence_changed', change.changedOn)}" until their cancer type's notice period ends, then withdrawn unless approved again (${noticed.length}):\n${listed(noticed).join('\n')}`,
        ]
      : []),
  ]
  const first = withdrawn[0] ?? noticed[0]!
  await notifyEditor(
    req,
    { id: documentId(req.payload.db.defaultIDType, first.answerId), title: '', lastEditedBy: null },
    {
      template: withdrawn.length > 0 ? 'answer_withdrawn' : 'live_notice',
      subject: `Sources updated: ${withdrawn.length} answer(s) withdrawn, ${noticed.length} with a notice`,
      text: `${change.summary ?? 'A cited guideline passage changed'}.\n\n${parts.join('\n\n')}\n\nThe first one:`,
    },
  )
}

/** The editors are told once which answers this change sent back to review that wait for a reviewer. */
async function notifyWaiting(req: PayloadRequest, change: EvidenceChange, waiting: FlaggedAnswer[]): Promise<void> {
  const titles = waiting.slice(0, LISTED).map((answer) => `- ${answer.title ?? `Answer ${answer.answerId}`}`)
  const more = waiting.length > LISTED ? [`- and ${waiting.length - LISTED} more`] : []
  await notifyEditor(
    req,
    { id: documentId(req.payload.db.defaultIDType, waiting[0]!.answerId), title: '', lastEditedBy: null },
    {
      template: 'awaiting_reviewer',
      subject: `No reviewer available: ${waiting.length} answer(s) whose evidence changed`,
      text: `${change.summary ?? 'A cited guideline passage changed'}.\n\nThese published answers were sent back to review, but no eligible reviewer has capacity for them yet; they wait until one has:\n${[...titles, ...more].join('\n')}\n\nThe first one:`,
    },
  )
}

async function flagAnswer(req: PayloadRequest, change: EvidenceChange, entry: Citing, flags: EvidenceFlag[]): Promise<FlaggedAnswer> {
  const passages = flags.map((flag) => flag.passageId)
  let answer = await findAnswer(req, entry.id)
  if (!answer)
    return { answerId: String(entry.id), passages, live: null, proposalSaved: null, stage: 'deleted', flagged: false, refused: null }
  const already = (answer.evidenceChanges ?? []).some((flag) => String(relationId(flag.change)) === String(change.id))
  // Flagged for this change already: the caller's stored-outcome check normally catches this first
  // (the flag and the outcome commit together). A change half-flagged before outcomes were stored
  // still counts the answer (what was done to it then is not known).
  if (already)
    return {
      answerId: String(answer.id),
      passages,
      live: null,
      proposalSaved: null,
      stage: answer.workflowStage ?? 'draft',
      flagged: true,
      refused: null,
      title: answer.title,
    }

  // Reviewers' marks on the claims resting on these passages were made against the old text.
  await forgetClaimMarks(
    req,
    answer.id,
    evidenceChangeViews({ evidenceChanges: flags }, answerClaims(answer)).flatMap((view) => view.claimIds),
  )

  const changedOn = new Date(change.changedOn)
  const safetyCorrection = Boolean(change.safetyCorrection)
  const wasPublished = answer.workflowStage === 'published'
  let live: EvidencePolicyOutcome | null = null
  if (entry.live) {
    // Announced before the policy acts, so a receiver hears "evidence changed" before a withdrawal it causes.
    await queueWebhookEvent(req, {
      type: 'answer.evidence_changed',
      answer: entry.live,
      evidenceChange: {
        id: String(change.id),
        kind: change.kind,
        changedOn: change.changedOn ? new Date(change.changedOn).toISOString() : null,
        safetyCorrection,
      },
    })
    // The editors hear of every live answer's fate in one email at the end (notifyLiveOutcomes).
    live = await applyEvidencePolicy(req, answer.id, { changedOn, safetyCorrection }, { notify: false })
    answer = (await findAnswer(req, answer.id)) ?? answer
  }
  let proposalSaved: boolean | null = null
  // The replacement may itself have been superseded before this job ran: propose the current version.
  const replacement = await currentVersionOf(req, relationId(change.replacement))
  if (change.kind === 'superseded' && answer.workflowStage === 'published') {
    if (replacement === undefined) proposalSaved = false
    else {
      // Checked before anything is written; the proposal is a help, and its refusal must not undo
      // the policy already applied to the live version, nor the flag and the review below.
      const proposal = await proposeReplacementCitations(req, answer.id, {
        fromSourceId: relationId(change.source)!,
        toSourceId: replacement,
      }).catch((error: unknown) => {
        if (refusalMessage(error) === null) throw error
        return { saved: false }
      })
      proposalSaved = proposal.saved
      if (proposal.saved) answer = (await findAnswer(req, answer.id)) ?? answer
    }
  }

  const evidenceChanges = [...(answer.evidenceChanges ?? []), ...flags]
  const why = `Cited passage${passages.length > 1 ? 's' : ''} ${passages.join(', ')} ${change.kind === 'superseded' ? 'superseded' : 'changed'}${safetyCorrection ? ' (safety correction)' : ''}.`
  if (answer.workflowStage === 'published') {
    // One email to the editors for all the answers left waiting (below), not one per answer.
    const routed = await routeForReReview(req, answer, { evidenceChanges }, why, { notifyWaiting: false })
    return {
      answerId: String(answer.id),
      passages,
      live,
      proposalSaved,
      stage: routed.stage,
      flagged: true,
      refused: null,
      waiting: routed.stage === 'awaiting_reviewer',
      title: answer.title,
    }
  }
  await withFlags(req, { [ROUTING]: true }, (context) =>
    req.payload.update({
      collection: ANSWERS,
      id: answer.id,
      data: { evidenceChanges },
      draft: true,
      depth: 0,
      overrideAccess: true,
      context,
      req,
    }),
  )
  // A live answer the policy withdrew, or whose re-citation was proposed as a new draft, still goes
  // back to a reviewer; when the draft is not ready for review it stays flagged for its editor.
  if (wasPublished && canSubmit(answer.workflowStage)) {
    try {
      const submitted = await submitForReview(req, answer.id)
      return {
        answerId: String(answer.id),
        passages,
        live,
        proposalSaved,
        stage: submitted.stage,
        flagged: true,
        refused: null,
        title: answer.title,
      }
    } catch (error) {
      // submitForReview refuses (not ready, question shelved) before it writes anything.
      const refused = refusalMessage(error)
      if (refused === null) throw error
      return {
        answerId: String(answer.id),
        passages,
        live,
        proposalSaved,
        stage: answer.workflowStage ?? 'draft',
        flagged: true,
        refused,
        title: answer.title,
      }
    }
  }
  return {
    answerId: String(answer.id),
    passages,
    live,
    proposalSaved,
    stage: answer.workflowStage ?? 'draft',
    flagged: true,
    refused: null,
    title: answer.title,
  }
}

/** The end of a chain of replacements (A superseded by B, B by C: C), or undefined when it ends in no current source. */
async function currentVersionOf(req: PayloadRequest, sourceId: Id | undefined): Promise<Id | undefined> {
  const seen = new Set<string>()
  let id = sourceId
  while (id !== undefined && !seen.has(String(id))) {
    seen.add(String(id))
    const source = await req.payload.findByID({
      collection: GUIDELINE_SOURCES,
      id,
      select: { status: true, supersededBy: true },
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!source) return undefined
    if (source.status === 'current') return id
    id = relationId(source.supersededBy)
  }
  return undefined
}
