import type { CollectionBeforeChangeHook, FlattenedField, PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { nobody } from '@/access/nobody'
import { relationId, type Id } from '@/lib/relationId'
import { RESTORED_VERSION_ID, RESTORING_VERSION } from '@/lib/workflow/context'
import { stageInSave, WORKFLOW_TRANSITION, type TransitionRecord } from '@/lib/workflow/transitions'
import { ANSWERS } from '@collections/slugs'

/**
 * A restored old version is new, unreviewed content: it restarts review as a draft made by the
 * person who restored it, except that a model's text restored stays the model's (patients are told
 * how it was written). Everything only the server writes (the review cycle, the review record, the
 * evidence changes, the claim verdicts...) is the answer's state now, not the old version's:
 * Payload drops those fields from a restore by a client and keeps the old version's for server
 * code, and either way an old cycle number would let approvals of an earlier cycle count again.
 * So they are all carried over from the current version; the text's authors stay its authors.
 */
export const restartReviewOnRestore: CollectionBeforeChangeHook<Answer> = async ({ collection, context, data, originalDoc, req }) => {
  if (context[RESTORING_VERSION] !== true) return data
  const current = (originalDoc ?? {}) as Record<string, unknown>
  const serverState = Object.fromEntries(serverOwnedFields(collection.flattenedFields).map((name) => [name, current[name]]))
  const restarted: Partial<Answer> = { ...data, ...serverState }
  stageInSave(restarted, originalDoc?.workflowStage, 'restore')
  context[WORKFLOW_TRANSITION] = {
    event: 'restore',
    from: originalDoc?.workflowStage ?? 'draft',
    to: 'draft',
    why: 'An earlier version was restored.',
  } satisfies TransitionRecord
  const version = await restoredVersion(req, context[RESTORED_VERSION_ID] as Id | undefined)
  return {
    ...restarted,
    // Patients are told how the text was written: a model's words restored are still a model's.
    provenance:
      version?.provenance?.draftedBy === 'model' || version?.provenance?.draftedBy === 'extractive'
        ? version.provenance
        : { draftedBy: 'person', author: req.user?.id ?? null },
    safetyWarnings: [],
    // recordAuthorship (later in the save) removes repeats and adds the person restoring.
    authors: [...(originalDoc?.authors ?? []), ...authorsOf(version)],
  }
}

/** The answer's fields no caller may write: set only by the drafter, the workflow and the approval rule. */
function serverOwnedFields(fields: FlattenedField[]): string[] {
  return fields.filter((field) => 'access' in field && field.access?.update === nobody).map((field) => field.name)
}

async function restoredVersion(req: PayloadRequest, versionId: Id | undefined): Promise<Partial<Answer> | undefined> {
  if (versionId === undefined) return undefined
  const restored = await req.payload.findVersionByID({ collection: ANSWERS, id: String(versionId), depth: 0, overrideAccess: true, req })
  return restored.version as Partial<Answer>
}

/**
 * Who wrote the restored text: its recorded authors, its last editor and its first author. (A
 * published version's list was restarted at its publication, so of a live version's writers only
 * the last editor and the first author are known.)
 */
function authorsOf(version: Partial<Answer> | undefined): Id[] {
  if (!version) return []
  return [...(version.authors ?? []), version.lastEditedBy, version.provenance?.author]
    .map((value) => relationId(value))
    .filter((id): id is Id => id !== undefined)
}
