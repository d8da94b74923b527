import type { PayloadRequest } from 'payload'

import { ANSWERS } from '@collections/slugs'
import type { Id } from '@/lib/relationId'

export type CitingAnswer = { id: Id; title: string; passageIds: string[] }

/**
 * Answers whose live (published) or latest (draft) content cites a guideline source, with the
 * passage ids they cite. Both are checked: a draft in review and the live page must stay resolvable.
 */
export async function findCitingAnswers(sourceId: Id, req: PayloadRequest): Promise<CitingAnswer[]> {
  const byId = new Map<string, CitingAnswer>()
  for (const draft of [false, true]) {
    const { docs } = await req.payload.find({
      collection: ANSWERS,
      where: { 'citations.source': { equals: sourceId } },
      draft,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      select: { title: true, citations: true },
      req,
    })
    for (const doc of docs) {
      const entry = byId.get(String(doc.id)) ?? { id: doc.id, title: doc.title, passageIds: [] }
      for (const citation of doc.citations ?? []) {
        const citedSource = typeof citation.source === 'object' ? citation.source?.id : citation.source
        if (String(citedSource) === String(sourceId) && !entry.passageIds.includes(citation.passageId)) {
          entry.passageIds.push(citation.passageId)
        }
      }
      byId.set(String(doc.id), entry)
    }
  }
  return [...byId.values()]
}
