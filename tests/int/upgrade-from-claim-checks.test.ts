/**
 * Upgrading a database made by an older migration set. A database last migrated at
 * 20261130_045336_claim_checks (the claim-check release), holding one draft answer that cites a
 * passage at answer level only, upgrades to the current schema with its answer kept, and the data
 * migration that proposes claim citations (20261130_045900) does its work after the last migration:
 * run in place, its save read tables later migrations add, and the upgrade stopped the process.
 */
import config from '@payload-config'
import { getPayload, type Migration, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { citationNodes } from '@/lib/claims/answerClaims'
import { migrateDatabase } from '@/lib/database/migrate'
import { isMongo, stopPayload } from '../helpers/payload'

let payload: Payload
type Client = { execute(sql: string | { sql: string; args: unknown[] }): Promise<{ rows: Record<string, unknown>[] }> }
const client = () => (payload.db as unknown as { client: Client }).client

beforeAll(async () => {
  payload = await getPayload({ config })
})
afterAll(async () => stopPayload(payload))

const PASSAGE = 'Surgery is rarely offered when pancreatic cancer has spread to the liver.'
const paragraph = (text: string) => ({
  type: 'paragraph',
  version: 1,
  format: '',
  indent: 0,
  direction: 'ltr',
  textFormat: 0,
  children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
})
const body = { root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children: [paragraph(PASSAGE)] } }

describe.skipIf(isMongo())('upgrading a SQLite database made by an older migration set', () => {
  it('a database at 20261130_045336_claim_checks with one draft answer migrates to the current schema and keeps the answer', async () => {
    const { prodMigrations } = payload.db as unknown as { prodMigrations: Migration[] }
    const cut = prodMigrations.findIndex((m) => m.name === '20261130_045336_claim_checks') + 1
    expect(prodMigrations[cut]!.name).toBe('20261130_045900_propose_claim_citations')
    await payload.db.migrate({ migrations: prodMigrations.slice(0, cut) })

    // What that release's database held: a cancer type, a source with a passage, a question, and its
    // draft answer citing the passage at answer level (no citation node in the body yet).
    const now = new Date().toISOString()
    const run = (sql: string, ...args: unknown[]) => client().execute({ sql, args })
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
    // Its version row (drafts are read from the versions table).
    await run(
      `INSERT INTO _answers_v (id, parent_id, version_question_id, version_title, version_slug, version_cancer_type_id, version_summary, version_body, version_key_takeaway, version_workflow_stage, version__status, latest, version_updated_at, version_created_at) VALUES (1, 1, 1, 'Surgery for spread pancreatic cancer', 'surgery-spread', 1, 'Surgery is rarely offered.', ?, 'Ask your team.', 'draft', 'draft', 1, ?, ?)`,
      JSON.stringify(body),
      now,
      now,
    )
    await run(
      `INSERT INTO _answers_v_version_citations (_order, _parent_id, id, source_id, passage_id, quote, _uuid) VALUES (1, 1, 1, 1, 'met-surgery', NULL, 'c1')`,
    )

    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`The migrations called process.exit(${code}): the upgrade failed`)
    }) as never)
    try {
      await migrateDatabase(payload)
    } finally {
      exit.mockRestore()
    }

    const ran = await payload.find({ collection: 'payload-migrations', pagination: false, limit: 0 })
    expect(ran.docs.map((m) => m.name)).toContain(prodMigrations.at(-1)!.name)
    const answer = await payload.findByID({ collection: 'answers', id: 1, draft: true, depth: 0, overrideAccess: true })
    expect(answer.title).toBe('Surgery for spread pancreatic cancer')
    // The proposal, made on the current schema: the claim now cites its passage, in a draft for review.
    expect(citationNodes(answer.body)).toMatchObject([{ passageId: 'met-surgery' }])
    expect(answer.workflowStage).toBe('draft')
  })
})
