import type { Migration, Payload } from 'payload'
import { vi } from 'vitest'

import { migrateDatabase } from '@/lib/database/migrate'

type Client = { execute(statement: { sql: string; args: unknown[] }): Promise<unknown> }

/** The migration that asks for the claim-citation proposal, and the one before it. */
export const CLAIM_CHECKS_MIGRATION = '20261130_045336_claim_checks'
export const PROPOSAL_MIGRATION = '20261130_045900_propose_claim_citations'

export const PASSAGE = 'Surgery is rarely offered when pancreatic cancer has spread to the liver.'
const body = {
  root: {
    type: 'root',
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    children: [
      {
        type: 'paragraph',
        version: 1,
        format: '',
        indent: 0,
        direction: 'ltr',
        textFormat: 0,
        children: [{ type: 'text', version: 1, text: PASSAGE, format: 0, detail: 0, mode: 'normal', style: '' }],
      },
    ],
  },
}

/**
 * A SQLite database as the claim-check release left it: migrated up to CLAIM_CHECKS_MIGRATION and
 * holding a cancer type, a source with a passage, a question and its draft answer (id 1) citing the
 * passage at answer level only, with no citation node in the body. Written in SQL, as that
 * release's schema is not today's. Returns every committed migration.
 */
export async function databaseAtClaimChecksRelease(payload: Payload): Promise<Migration[]> {
  const { prodMigrations } = payload.db as unknown as { prodMigrations: Migration[] }
  const cut = prodMigrations.findIndex((migration) => migration.name === CLAIM_CHECKS_MIGRATION) + 1
  if (prodMigrations[cut]?.name !== PROPOSAL_MIGRATION) throw new Error(`${PROPOSAL_MIGRATION} no longer follows ${CLAIM_CHECKS_MIGRATION}`)
  await payload.db.migrate({ migrations: prodMigrations.slice(0, cut) })

  const client = (payload.db as unknown as { client: Client }).client
  const run = (sql: string, ...args: unknown[]) => client.execute({ sql, args })
  const now = new Date().toISOString()
  await run(`INSERT INTO cancer_types (id, name, slug) VALUES (1, 'Pancreatic cancer', 'pancreatic')`)
  await run(
    `INSERT INTO guideline_sources (id, publisher, title, version, publication_date, url) VALUES (1, 'NCCN', 'Pancreatic', 'v2.2025', ?, 'https://example.org/nccn')`,
    now,
  )
  await run(
    `INSERT INTO guideline_sources_passages (_order, _parent_id, id, passage_id, heading, text) VALUES (1, 1, 'p1', 'met-surgery', 'Surgery', ?)`,
    PASSAGE,
  )
  await run(
    `INSERT INTO questions (id, text, slug, cancer_type_id, submitted_at, status) VALUES (1, 'Is surgery an option for metastatic pancreatic cancer?', 'q1', 1, ?, 'drafted')`,
    now,
  )
  await run(
    `INSERT INTO answers (id, question_id, title, slug, cancer_type_id, summary, body, key_takeaway, workflow_stage, _status) VALUES (1, 1, 'Surgery for spread pancreatic cancer', 'surgery-spread', 1, 'Surgery is rarely offered.', ?, 'Ask your team.', 'draft', 'draft')`,
    JSON.stringify(body),
  )
  await run(
    `INSERT INTO answers_citations (_order, _parent_id, id, source_id, passage_id, quote) VALUES (1, 1, 'c1', 1, 'met-surgery', NULL)`,
  )
  // Its version row: drafts are read from the versions table.
  await run(
    `INSERT INTO _answers_v (id, parent_id, version_question_id, version_title, version_slug, version_cancer_type_id, version_summary, version_body, version_key_takeaway, version_workflow_stage, version__status, latest, version_updated_at, version_created_at) VALUES (1, 1, 1, 'Surgery for spread pancreatic cancer', 'surgery-spread', 1, 'Surgery is rarely offered.', ?, 'Ask your team.', 'draft', 'draft', 1, ?, ?)`,
    JSON.stringify(body),
    now,
    now,
  )
  await run(
    `INSERT INTO _answers_v_version_citations (_order, _parent_id, id, source_id, passage_id, quote, _uuid) VALUES (1, 1, 1, 1, 'met-surgery', NULL, 'c1')`,
  )
  return prodMigrations
}

/** migrateDatabase, with the adapter's process.exit on a failed migration turned into a thrown error. */
export async function migrateWithoutExit(payload: Payload): Promise<void> {
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Error(`The migrations called process.exit(${code}): the upgrade failed`)
  }) as never)
  try {
    await migrateDatabase(payload)
  } finally {
    exit.mockRestore()
  }
}
