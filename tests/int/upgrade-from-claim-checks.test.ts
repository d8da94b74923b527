/**
 * Upgrading a database made by an older migration set. A database last migrated at
 * 20261130_045336_claim_checks (the claim-check release), holding one draft answer that cites a
 * passage at answer level only, upgrades to the current schema with its answer kept, and the data
 * migration that proposes claim citations (20261130_045900) does its work after the last migration:
 * run in place, its save read tables later migrations add, and the upgrade stopped the process.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { citationNodes } from '@/lib/claims/answerClaims'
import { databaseAtClaimChecksRelease, migrateWithoutExit } from '../helpers/claimChecksRelease'
import { isMongo, stopPayload } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await getPayload({ config })
})
afterAll(async () => stopPayload(payload))

describe.skipIf(isMongo())('upgrading a SQLite database made by an older migration set', () => {
  it('a database at 20261130_045336_claim_checks with one draft answer migrates to the current schema and keeps the answer', async () => {
    const prodMigrations = await databaseAtClaimChecksRelease(payload)

    await migrateWithoutExit(payload)

    const ran = await payload.find({ collection: 'payload-migrations', pagination: false, limit: 0 })
    expect(ran.docs.map((m) => m.name)).toContain(prodMigrations.at(-1)!.name)
    const answer = await payload.findByID({ collection: 'answers', id: 1, draft: true, depth: 0, overrideAccess: true })
    expect(answer.title).toBe('Surgery for spread pancreatic cancer')
    // The proposal, made on the current schema: the claim now cites its passage, in a draft for review.
    expect(citationNodes(answer.body)).toMatchObject([{ passageId: 'met-surgery' }])
    expect(answer.workflowStage).toBe('draft')
  })
})
