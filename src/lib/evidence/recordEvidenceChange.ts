import type { PayloadRequest } from 'payload'

import type { EvidenceChange, GuidelineSource } from '@/payload-types'
import { EVIDENCE_CHANGES, GUIDELINE_SOURCES } from '@collections/slugs'
import { FLAG_EVIDENCE_TASK, LIFECYCLE_QUEUE } from '@/jobs/flagEvidenceChange'
import { now } from '../clock'
import { relationId } from '../relationId'

/** What the editor said about one save of a source (fields that apply to that save only). */
export type EvidenceSaveNote = { safetyCorrection: boolean; note: string | null }

export type ChangedPassage = {
  passageId: string
  heading: string | null
  oldText: string
  newText: string | null
  oldVersion: string
  newVersion: string | null
}

type SourceState = Pick<GuidelineSource, 'status' | 'version' | 'passages'>

/**
 * The passages a save changed as evidence: those whose text was rewritten (same id, new text), or
 * every passage when the save marked the source superseded (the new text is the replacement's
 * passage with the same id, when it has one). A new version number alone, with no text changed,
 * changes no passage: it voids earlier approvals through the content hash but flags nothing.
 */
export function changedPassages(
  before: SourceState,
  after: SourceState,
  replacement: Pick<GuidelineSource, 'version' | 'passages'> | null,
): { kind: 'edited' | 'superseded'; passages: ChangedPassage[] } | null {
  if (before.status !== 'superseded' && after.status === 'superseded') {
    const next = new Map((replacement?.passages ?? []).map((passage) => [passage.passageId, passage]))
    return {
      kind: 'superseded',
      passages: (before.passages ?? []).map((passage) => ({
        passageId: passage.passageId,
        heading: passage.heading ?? null,
        oldText: passage.text,
        newText: next.get(passage.passageId)?.text ?? null,
        oldVersion: before.version,
        newVersion: replacement?.version ?? null,
      })),
    }
  }
  const nextText = new Map((after.passages ?? []).map((passage) => [passage.passageId, passage]))
  const edited = (before.passages ?? []).flatMap((passage) => {
    const next = nextText.get(passage.passageId)
    if (!next || next.text === passage.text) return []
    return [
      {
        passageId: passage.passageId,
        heading: next.heading ?? passage.heading ?? null,
        oldText: passage.text,
        newText: next.text,
        oldVersion: before.version,
        newVersion: after.version,
      },
    ]
  })
  return edited.length > 0 ? { kind: 'edited', passages: edited } : null
}

/**
 * Records a change of evidence and queues the job that flags every answer citing a changed passage
 * (queue "lifecycle"), both with the source save's `req`, so they commit or roll back with it.
 * Returns null when the save changed no passage's text and did not supersede the source.
 */
export async function recordEvidenceChange(
  req: PayloadRequest,
  before: GuidelineSource,
  after: GuidelineSource,
  { safetyCorrection, note }: EvidenceSaveNote,
): Promise<EvidenceChange | null> {
  const replacementId = after.status === 'superseded' ? relationId(after.supersededBy) : undefined
  const replacement =
    replacementId === undefined
      ? null
      : ((await req.payload.findByID({
          collection: GUIDELINE_SOURCES,
          id: replacementId,
          select: { title: true, version: true, passages: true },
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        })) as GuidelineSource | null)
  const change = changedPassages(before, after, replacement)
  if (!change) return null
  const user = req.user && req.user.collection === 'users' ? req.user : null
  const summary =
    change.kind === 'superseded'
      ? `${after.title} (${before.version}) superseded${replacement ? ` by ${replacement.title} (${replacement.version})` : ''}`
      : `${after.title} (${after.version}): ${change.passages.map((passage) => passage.passageId).join(', ')} edited`
  const record = await req.payload.create({
    collection: EVIDENCE_CHANGES,
    data: {
      summary: summary.slice(0, 300),
      source: after.id,
      kind: change.kind,
      replacement: replacement ? replacementId : null,
      safetyCorrection,
      note,
      changedOn: now().toISOString(),
      changedBy: user?.id ?? null,
      passages: change.passages,
      status: 'queued',
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
  await req.payload.jobs.queue({
    task: FLAG_EVIDENCE_TASK,
    input: { changeId: String(record.id) },
    queue: LIFECYCLE_QUEUE,
    req,
  })
  return record
}
