import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { GuidelineSource } from '@/payload-types'
import { recordEvidenceChange, type EvidenceSaveNote } from '@/lib/evidence/recordEvidenceChange'

/**
 * Server-only (req.context): the editor's "safety correction" flag and note for this save of this
 * source. Keyed by source: a bulk update saves several sources at once on one request.
 */
const evidenceSaveKey = (id: unknown) => `evidenceSave:${String(id)}`

/**
 * "Safety correction" and the change note describe one save, not the source: they are taken off
 * the data (never stored on the source) and handed to queueEvidenceChange.
 */
export const takeChangeNote: CollectionBeforeChangeHook<GuidelineSource> = ({ data, originalDoc, req }) => {
  const note: EvidenceSaveNote = { safetyCorrection: data.safetyCorrection === true, note: data.changeNote?.trim() || null }
  // A new source has no evidence change to describe (queueEvidenceChange records updates only).
  if (originalDoc) req.context[evidenceSaveKey(originalDoc.id)] = note
  data.safetyCorrection = false
  data.changeNote = null
  return data
}

/**
 * A save that rewrote passage text or superseded the source records an evidence change and queues
 * the flagging job, in the save's own transaction (src/lib/evidence/recordEvidenceChange.ts).
 */
export const queueEvidenceChange: CollectionAfterChangeHook<GuidelineSource> = async ({ doc, operation, previousDoc, req }) => {
  const note = (req.context[evidenceSaveKey(doc.id)] as EvidenceSaveNote | undefined) ?? { safetyCorrection: false, note: null }
  delete req.context[evidenceSaveKey(doc.id)]
  if (operation !== 'update' || !previousDoc) return doc
  await recordEvidenceChange(req, previousDoc, doc, note)
  return doc
}
