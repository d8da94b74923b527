import type { CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { findCitingAnswers } from '@/lib/citations/findCitingAnswers'
import { Conflict } from '@/lib/errors'
import type { Id } from '@/lib/relationId'
import { ANSWERS, APPROVALS, EVIDENCE_CHANGES, GUIDELINE_SOURCES } from '@collections/slugs'

/**
 * A source is part of the record once anything names it: an answer's live or latest version cites
 * it, an earlier version did, a review decision recorded it as the evidence its reviewer read, an
 * evidence change is about it, or another source names it as its replacement. Deleting it would
 * leave those pointing nowhere (an approval's evidence rewritten to no source, or a 500 where a
 * reference may not be empty), so it is refused, naming what holds it.
 */
export const preventDeletingCitedSource: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const citing = await findCitingAnswers(id, req)
  if (citing.length > 0) {
    const titles = citing.map((answer) => `"${answer.title}"`).join(', ')
    throw new Conflict(`This source is cited by ${citing.length} answer(s): ${titles}. Mark it superseded instead of deleting it.`)
  }
  const uses = await recordsNaming(req, id)
  if (uses.length > 0) {
    throw new Conflict(`This source is part of the review record: ${uses.join(', ')}. Mark it superseded instead of deleting it.`)
  }
}

async function recordsNaming(req: PayloadRequest, id: Id): Promise<string[]> {
  const { payload } = req
  const common = { overrideAccess: true, req } as const
  const counted: [number, string][] = []
  // One after another: a MongoDB transaction session does not take parallel operations.
  counted.push([
    (await payload.countVersions({ collection: ANSWERS, where: { 'version.citations.source': { equals: id } }, ...common })).totalDocs,
    'earlier answer version(s) cite it',
  ])
  counted.push([
    (await payload.count({ collection: APPROVALS, where: { 'evidence.source': { equals: id } }, ...common })).totalDocs,
    'review decision(s) record it as evidence',
  ])
  counted.push([
    (
      await payload.count({
        collection: EVIDENCE_CHANGES,
        where: { or: [{ source: { equals: id } }, { replacement: { equals: id } }] },
        ...common,
      })
    ).totalDocs,
    'evidence change(s) concern it',
  ])
  counted.push([
    (await payload.count({ collection: GUIDELINE_SOURCES, where: { supersededBy: { equals: id } }, ...common })).totalDocs,
    'source(s) name it as their replacement',
  ])
  return counted.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`)
}
