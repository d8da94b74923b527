/**
 * The access matrix: the specification the access tests check, cell by cell, and the source of the
 * table in the README (`npm run docs:access` prints it; a test fails if the README drifts).
 */
export const ACTORS = ['anonymous', 'editor', 'reviewer', 'admin', 'importer', 'site'] as const
/** Machine clients (API keys, README "API keys for machine clients"), not people. */
export const KEY_ACTORS = ['importer', 'site'] as const
export const OPERATIONS = ['create', 'read', 'update', 'delete'] as const
export type Actor = (typeof ACTORS)[number]
export type Operation = (typeof OPERATIONS)[number]

/**
 * yes / no, or a condition:
 * - published: only published answers (the live version, never a draft)
 * - own: only their own record
 * - assigned: only answers assigned to them, and those answers' questions (reviewers)
 * - unpublished: only answers that are not live
 * - intake: only through question intake (POST /api/questions with an importer key)
 * - sent: only the status of questions this key sent (GET /api/questions/intake/ID)
 */
export type Cell = 'yes' | 'no' | 'published' | 'own' | 'assigned' | 'unpublished' | 'intake' | 'sent'

export const COLLECTIONS = [
  'users',
  'cancer-types',
  'questions',
  'guideline-sources',
  'answers',
  'approvals',
  'notifications',
  'model-usage',
  'question-imports',
  'workflow-events',
  'claim-checks',
  'evidence-changes',
  'cdn-purges',
  'api-keys',
  'webhook-endpoints',
  'webhook-deliveries',
] as const
export type MatrixCollection = (typeof COLLECTIONS)[number]

type Row = Record<Operation, Cell>

type PersonActor = Exclude<Actor, (typeof KEY_ACTORS)[number]>
const NONE: Row = { create: 'no', read: 'no', update: 'no', delete: 'no' }

/** People's rights; API keys' rights follow (KEY_RIGHTS): nothing but intake and the public API. */
const PEOPLE_MATRIX: Record<MatrixCollection, Record<PersonActor, Row>> = {
  users: {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'own', delete: 'no' },
    reviewer: { create: 'no', read: 'own', update: 'own', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  'cancer-types': {
    anonymous: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    editor: { create: 'yes', read: 'yes', update: 'yes', delete: 'no' },
    reviewer: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  questions: {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
    reviewer: { create: 'no', read: 'assigned', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  'guideline-sources': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
    reviewer: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  answers: {
    anonymous: { create: 'no', read: 'published', update: 'no', delete: 'no' },
    editor: { create: 'yes', read: 'yes', update: 'yes', delete: 'unpublished' },
    reviewer: { create: 'no', read: 'assigned', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  approvals: {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'assigned', read: 'own', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
  },
  notifications: {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  // The cost ledger: written only by drafting jobs, so nobody writes it over the API.
  'model-usage': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
  },
  // CSV import reports: written only by the import itself, in the transaction that saves the questions.
  'question-imports': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
  },
  // The answers' workflow record: written only by the workflow's transitions.
  'workflow-events': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
  },
  // Reviewers' "verified" marks on claims: written only by the verify endpoint's use case.
  'claim-checks': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'own', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
  },
  // Each source save that changed cited evidence (issue 14): written only with that save and by its job.
  'evidence-changes': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'no', delete: 'no' },
  },
  // The CDN purge outbox (issue 15): admins only; they retry a purge (update) or purge tags by hand (create).
  'cdn-purges': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  // API keys (issue 16): admins create and revoke them; a key is never deleted (questions name it).
  'api-keys': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'no' },
  },
  // Webhooks (issue 16): admins only. Endpoints hold the signing secret.
  'webhook-endpoints': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'yes', read: 'yes', update: 'yes', delete: 'yes' },
  },
  // The webhook outbox: written by the system only; an admin replays or skips a delivery (update).
  'webhook-deliveries': {
    anonymous: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    editor: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    reviewer: { create: 'no', read: 'no', update: 'no', delete: 'no' },
    admin: { create: 'no', read: 'yes', update: 'yes', delete: 'yes' },
  },
}

/**
 * A key reaches no collection through Payload's routes (403, src/lib/apiKeys/refuseKeysOutsideIntake.ts)
 * except question intake for importers. Site keys read only the public API (/api/public/v1), which is not a collection.
 */
const KEY_RIGHTS: Partial<Record<MatrixCollection, Partial<Record<(typeof KEY_ACTORS)[number], Row>>>> = {
  questions: { importer: { create: 'intake', read: 'sent', update: 'no', delete: 'no' } },
}

export const ACCESS_MATRIX = Object.fromEntries(
  COLLECTIONS.map((collection) => [
    collection,
    { ...PEOPLE_MATRIX[collection], ...Object.fromEntries(KEY_ACTORS.map((key) => [key, KEY_RIGHTS[collection]?.[key] ?? NONE])) },
  ]),
) as Record<MatrixCollection, Record<Actor, Row>>

const SHORT: Record<Operation, string> = { create: 'C', read: 'R', update: 'U', delete: 'D' }

/** The README table: one row per collection, one column per actor, cells as "C R U D" flags. */
export function accessMatrixMarkdown(): string {
  const header = `| collection | ${ACTORS.join(' | ')} |`
  const divider = `|---|${ACTORS.map(() => '---').join('|')}|`
  const rows = COLLECTIONS.map((collection) => {
    const cells = ACTORS.map(
      (actor) =>
        OPERATIONS.map((operation) => {
          const cell = ACCESS_MATRIX[collection][actor][operation]
          if (cell === 'no') return null
          return cell === 'yes' ? SHORT[operation] : `${SHORT[operation]}(${cell})`
        })
          .filter(Boolean)
          .join(' ') || '-',
    )
    return `| ${collection} | ${cells.join(' | ')} |`
  })
  return [header, divider, ...rows].join('\n')
}
