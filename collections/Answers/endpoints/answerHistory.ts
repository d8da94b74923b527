import type { Endpoint } from 'payload'

import type { Answer, Approval, Notification, User, WorkflowEvent } from '@/payload-types'
import { requireRole } from '@/access/requireRole'
import { relationId } from '@/lib/relationId'
import { answerStageLabel } from '@/lib/workflow/states'
import { ANSWERS, APPROVALS, NOTIFICATIONS, USERS, WORKFLOW_EVENTS } from '@collections/slugs'

export type HistoryEvent = { at: string; kind: 'transition' | 'version' | 'decision' | 'email'; summary: string }

/**
 * GET /api/answers/:id/history: workflow transitions (who, from, to, why), versions (with stage and
 * who changed it), review decisions and emails, newest first. Editors and admins. Four queries,
 * however long the history.
 */
export const answerHistory: Endpoint = {
  path: '/:id/history',
  method: 'get',
  handler: async (req) => {
    requireRole(req, ['editor', 'admin'], 'see an answer’s history')
    const id = req.routeParams?.id as string
    const { payload } = req
    await payload.findByID({ collection: ANSWERS, id, depth: 0, draft: true, overrideAccess: true, req })
    const [transitions, versions, decisions, emails] = [
      await payload.find({
        collection: WORKFLOW_EVENTS,
        where: { answer: { equals: id } },
        sort: '-createdAt',
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      }),
      await payload.findVersions({
        collection: ANSWERS,
        where: { parent: { equals: id } },
        sort: '-updatedAt',
        limit: 200,
        depth: 0,
        overrideAccess: true,
        req,
      }),
      await payload.find({
        collection: APPROVALS,
        where: { answer: { equals: id } },
        sort: '-createdAt',
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      }),
      await payload.find({
        collection: NOTIFICATIONS,
        where: { 'related.value': { equals: id } },
        sort: '-createdAt',
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      }),
    ]
    const people = new Map<string, string>()
    const userIds = [
      ...versions.docs.flatMap((v) =>
        [(v.version as Answer).lastEditedBy, ...((v.version as Answer).assignedReviewers ?? [])].map((value) => relationId(value)),
      ),
      ...(decisions.docs as Approval[]).map((d) => relationId(d.reviewer)),
    ].filter((userId) => userId !== undefined)
    if (userIds.length > 0) {
      const { docs } = await payload.find({
        collection: USERS,
        where: { id: { in: [...new Set(userIds)] } },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
      for (const user of docs as User[]) people.set(String(user.id), user.name)
    }
    const name = (value: Parameters<typeof relationId>[0]) => people.get(String(relationId(value))) ?? 'the system'
    const events: HistoryEvent[] = [
      ...(transitions.docs as WorkflowEvent[]).map((t) => ({
        at: t.createdAt,
        kind: 'transition' as const,
        summary: `${t.byName}: ${t.from === 'none' ? 'created' : answerStageLabel(t.from)} → ${answerStageLabel(t.to)} (${t.event.replace(/_/g, ' ')})${t.why ? `: ${t.why}` : ''}`,
      })),
      ...versions.docs.map((v) => {
        const version = v.version as Answer
        return {
          at: v.updatedAt,
          kind: 'version' as const,
          summary: `${version._status === 'published' ? 'Published' : 'Saved'} (stage: ${String(version.workflowStage ?? 'draft').replace(/_/g, ' ')}${version.assignedReviewers?.length ? `, reviewers: ${version.assignedReviewers.map(name).join(', ')}` : ''}) by ${name(version.lastEditedBy)}`,
        }
      }),
      ...(decisions.docs as Approval[]).map((d) => ({
        at: d.createdAt,
        kind: 'decision' as const,
        summary: `${name(d.reviewer)}: ${d.decision.replace(/_/g, ' ')}${d.comment ? `: "${d.comment}"` : ''} (content ${d.contentHash?.slice(0, 8)})`,
      })),
      ...(emails.docs as Notification[]).map((e) => ({
        at: e.createdAt,
        kind: 'email' as const,
        summary: `Email to ${e.to}: ${e.subject} (${e.status.replace(/_/g, ' ')}${e.lastError ? `: ${e.lastError}` : ''})`,
      })),
    ].sort((a, b) => b.at.localeCompare(a.at))
    return Response.json({ events })
  },
}
