import type { CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { findCitingAnswers } from '@/lib/citations/findCitingAnswers'
import { Conflict } from '@/lib/errors'
import { relationId, type Id } from '@/lib/relationId'
import { ANSWERS, APPROVALS, EVIDENCE_CHANGES, GUIDELINE_SOURCES } from '@collections/slugs'

/**
 * A source is part of the record once anything names it: an answer's live or latest version cites
 * it, an earlier version did, a review decision recorded it as the evidence its reviewer read, an
 * evidence change about it flagged answers (or is not checked yet), or another source names it as
 * its replacement. Deleting it would leave those pointing nowhere (an approval's evidence rewritten
 * to no source, or a 500 where a reference may not be empty), so it is refused, naming what holds it.
 */
export const preventDeletingCitedSource: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const citing = await findCitingAnswers(id, req)
  if (citing.length > 0) {
    const titles = citing.map((answer) => `"${answer.title}"`).join(', ')
    throw new Conflict(`This source is cited by ${citing.length} answer(s): ${titles}. Mark it superseded instead of deleting it.`)
  }
  const { uses, idleChanges } = await recordsNaming(req, id)
  if (uses.length > 0) {
    throw new Conflict(`This source is part of the review record: ${uses.join(', ')}. Mark it superseded instead of deleting it.`)
  }
  // Corrections of it that flagged no answer (a typo fixed in a passage nobody cited) record nothing
  // anyone relied on: they go with it.
  if (idleChanges.length > 0) {
    await req.payload.delete({ collection: EVIDENCE_CHANGES, where: { id: { in: idleChanges } }, overrideAccess: true, req })
  }
}

async function recordsNaming(req: PayloadRequest, id: Id): Promise<{ uses: string[]; idleChanges: Id[] }> {
  const { payload } = req
  const common = { overrideAccess: true, req } as const
  // One after another: a MongoDB transaction session does not take parallel operations.
  const versions = await payload.countVersions({ collection: ANSWERS, where: { 'version.citations.source': { equals: id } }, ...common })
  const decisions = await payload.count({ collection: APPROVALS, where: { 'evidence.source': { equals: id } }, ...common })
  const { docs: changes } = await payload.find({
    collection: EVIDENCE_CHANGES,
    where: { or: [{ source: { equals: id } }, { replacement: { equals: id } }] },
    select: { source: true, status: true, answersFlagged: true },
    pagination: false,
    depth: 0,
    ...common,
  })
  const replaced = await payload.count({ collection: GUIDELINE_SOURCES, where: { supersededBy: { equals: id } }, ...common })
  const idle = (change: (typeof changes)[number]) =>
    String(relationId(change.source)) === String(id) && change.status === 'flagged' && (change.answersFlagged ?? 0) === 0
  const counted: [number, string][] = [
    [versions.totalDocs, 'earlier answer version(s) cite it'],
    [decisions.totalDocs, 'review decision(s) record it as evidence'],
    [
      changes.filter((change) => !idle(change)).length,
      'evidence change(s) flagged answers citing it, replaced another source with it, or are not checked yet',
    ],
    [replaced.totalDocs, 'source(s) name it as their replacement'],
  ]
  return {
    uses: counted.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`),
    idleChanges: changes.filter(idle).map((change) => change.id),
  }
}
