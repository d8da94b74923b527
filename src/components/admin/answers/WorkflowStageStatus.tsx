'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { answerStageLabel } from '@/lib/workflow/states'

/**
 * Replaces Payload's "Status: Draft/Published" in the answer's header: the workflow stage is the
 * one status editors see (Payload's draft/published flag says "Draft" while an answer is in review).
 * Whether a version is live is said beside it, since a new draft does not take the live one down.
 */
export function WorkflowStageStatus() {
  const { id, hasPublishedDoc } = useDocumentInfo()
  const stage = useFormFields(([fields]) => fields.workflowStage?.value as string | undefined)
  if (!id) return null
  return (
    <div className="status" data-testid="workflow-stage">
      <div className="status__value-wrap">
        <span className="status__label">Stage: </span>
        <span className="status__value">{answerStageLabel(stage)}</span>
        {hasPublishedDoc && stage !== 'published' && <span> (the published version stays live)</span>}
      </div>
    </div>
  )
}

/** The stage field's place in the sidebar: empty, because the header already shows the stage. */
export function StageShownInHeader() {
  return null
}
