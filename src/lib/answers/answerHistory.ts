import type { PayloadRequest } from 'payload'

import type { Answer, Approval, Notification, User, WorkflowEvent } from '@/payload-types'
import { NotFound } from '../errors'
import { relationId, type Id } from '../relationId'
import { answerStageLabel } from '../workflow/states'
import { ANSWERS, APPROVALS, NOTIFICATIONS, USERS, WORKFLOW_EVENTS } from '@collections/slugs'

export type HistoryEvent = { at: string; kind: 'transition' | 'version' | 'decision' | 'email'; summary: string }
export type AnswerHistory = { events: HistoryEvent[]; versions: { shown: number; total: number } }

/**
 * The newest versions the history lists. Each save of an answer is a version; an answer revised
 * for years has hundreds, and the transitions already record every change of stage.
 */
export const HISTORY_VERSIONS = 100

/** What a version line shows; the body, citations and public record of each version stay unread. */
export const VERSION_FIELDS = ['_status', 'workflowStage', 'assignedReviewers', 'lastEditedBy'] as const
const VERSION_SELECT = Object.fromEntries(VERSION_FIELDS.map((field) => [field, true])) as Record<(typeof VERSION_FIELDS)[number], true>
type VersionLine = Pick<Answer, (typeof VERSION_FIELDS)[number]>

/**
 * The answer's history, newest first: workflow transitions (who, from, to, why), its newest
 * versions (stage, reviewers, who saved), review decisions and emails. Five queries, however
 * long the history.
 */
export async function loadAnswerHistory(req: PayloadRequest, id: Id): Promise<AnswerHistory> {
  const { payload } = req
  const common = { depth: 0, overrideAccess: true, req } as const
  const exists = await payload.findByID({ collection: ANSWERS, id, draft: true, select: {}, disableErrors: true, ...common })
  if (!exists) throw new NotFound(`Answer ${id} does not exist.`)
  const [transitions, versions, decisions, emails] = [
    await payload.find({
      collection: WORKFLOW_EVENTS,
      where: { answer: { equals: id } },
      sort: '-createdAt',
      pagination: false,
      ...common,
    }),
    await payload.findVersions({
      collection: ANSWERS,
      where: { parent: { equals: id } },
      sort: '-updatedAt',
      limit: HISTORY_VERSIONS,
      select: { updatedAt: true, version: VERSION_SELECT },
      ...common,
    }),
    await payload.find({ collection: APPROVALS, where: { answer: { equals: id } }, sort: '-createdAt', pagination: false, ...common }),
    await payload.find({
      collection: NOTIFICATIONS,
      where: { 'related.value': { equals: id } },
      sort: '-createdAt',
      pagination: false,
      ...common,
    }),
  ]
  const lines = versions.docs.map((v) => ({ at: v.updatedAt, version: v.version as VersionLine }))
  const userIds = [
    ...lines.flatMap(({ version }) => [version.lastEditedBy, ...(version.assignedReviewers ?? [])].map((value) => relationId(value))),
    ...(decisions.docs as Approval[]).map((d) => relationId(d.reviewer)),
  ].filter((userId) => userId !== undefined)
  const people = new Map<string, string>()
  if (userIds.length > 0) {
    const { docs } = await payload.find({
      collection: USERS,
      where: { id: { in: [...new Set(userIds)] } },
      select: { name: true },
      pagination: false,
      ...common,
    })
    for (const user of docs as Pick<User, 'id' | 'name'>[]) people.set(String(user.id), user.name)
  }
  const name = (value: Parameters<typeof relationId>[0]) => people.get(String(relationId(value))) ?? 'the system'
  const events: HistoryEvent[] = [
    ...(transitions.docs as WorkflowEvent[]).map((t) => ({
      at: t.createdAt,
      kind: 'transition' as const,
      summary: `${t.byName}: ${t.from === 'none' ? 'created' : answerStageLabel(t.from)} → ${answerStageLabel(t.to)} (${t.event.replace(/_/g, ' ')})${t.why ? `: ${t.why}` : ''}`,
    })),
    ...lines.map(({ at, version }) => ({
      at,
      kind: 'version' as const,
      summary: `${version._status === 'published' ? 'Published' : 'Saved'} (stage: ${String(version.workflowStage ?? 'draft').replace(/_/g, ' ')}${version.assignedReviewers?.length ? `, reviewers: ${version.assignedReviewers.map(name).join(', ')}` : ''}) by ${name(version.lastEditedBy)}`,
    })),
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
  return { events, versions: { shown: lines.length, total: versions.totalDocs } }
}
