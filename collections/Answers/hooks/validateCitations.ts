import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Answer, GuidelineSource } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { ANSWERS, GUIDELINE_SOURCES } from '@collections/slugs'

/** Trust rule 2: every citation points at a passage that exists in a guideline source. */
export const validateCitations: CollectionBeforeChangeHook<Answer> = async ({ data, req }) => {
  const citations = data.citations ?? []
  if (citations.length === 0) return data

  const sourceIds = [...new Set(citations.map((citation) => relationId(citation.source)).filter((id) => id !== undefined))]
  const { docs } = await req.payload.find({
    collection: GUIDELINE_SOURCES,
    where: { id: { in: sourceIds } },
    select: { title: true, version: true, passages: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const sources = new Map(docs.map((doc) => [String(doc.id), doc as GuidelineSource]))

  const errors: { path: string; message: string }[] = []
  citations.forEach((citation, index) => {
    const sourceId = relationId(citation.source)
    const source = sourceId === undefined ? undefined : sources.get(String(sourceId))
    if (!source) {
      errors.push({
        path: `citations.${index}.source`,
        message: `Citation ${index + 1}: guideline source ${sourceId ?? '(none)'} does not exist.`,
      })
      return
    }
    if (!source.passages?.some((passage) => passage.passageId === citation.passageId)) {
      errors.push({
        path: `citations.${index}.passageId`,
        message: `Citation ${index + 1}: passage "${citation.passageId}" is not in "${source.title}" (${source.version}).`,
      })
    }
  })
  if (errors.length > 0) throw new ValidationError({ collection: ANSWERS, errors, req })
  return data
}
