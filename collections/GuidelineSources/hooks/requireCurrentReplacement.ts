import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { relationId } from '@/lib/relationId'
import { GUIDELINE_SOURCES } from '@collections/slugs'

/**
 * Superseding a source names the version answers should cite instead (issue 14: its passages are
 * proposed to the answers citing the old one), so that version must be current: pointing at a
 * version that is itself superseded would send answers to outdated guidance. (A source naming
 * itself is refused by validatePassages; an unknown id by verifyRelationsExist.)
 */
export const requireCurrentReplacement: CollectionBeforeChangeHook<GuidelineSource> = async ({ data, originalDoc, req }) => {
  const status = data.status ?? originalDoc?.status
  const replacementId = relationId(data.supersededBy !== undefined ? data.supersededBy : originalDoc?.supersededBy)
  if (status !== 'superseded' || replacementId === undefined) return data
  const unchanged = originalDoc?.status === 'superseded' && String(relationId(originalDoc.supersededBy) ?? '') === String(replacementId)
  if (unchanged || String(replacementId) === String(originalDoc?.id ?? '')) return data
  const replacement = (await req.payload.findByID({
    collection: GUIDELINE_SOURCES,
    id: replacementId,
    depth: 0,
    select: { title: true, version: true, status: true },
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as Pick<GuidelineSource, 'title' | 'version' | 'status'> | null
  if (replacement && replacement.status !== 'current') {
    throw new ValidationError({
      collection: GUIDELINE_SOURCES,
      errors: [
        {
          path: 'supersededBy',
          message: `"${replacement.title}" (${replacement.version}) is itself superseded: name the current version as the replacement.`,
        },
      ],
      req,
    })
  }
  return data
}
