/**
 * The claim-citation proposal an upgrade asks for (migration 20261130_045900) is remembered in the
 * database until it is done. Kept in memory (twenty-fifth session, found by its review), it was lost
 * when the proposal failed once (the start failed, and the next start found the migration recorded
 * and nothing pending) and when another process ran the migrations (`payload migrate`).
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { citationNodes } from '@/lib/claims/answerClaims'
import { afterMigrations } from '@/lib/database/migrate'
import { databaseAtClaimChecksRelease, migrateWithoutExit } from '../helpers/claimChecksRelease'
import { isMongo, stopPayload } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await getPayload({ config })
})
afterAll(async () => stopPayload(payload))

const proposedCitations = async () =>
  citationNodes((await payload.findByID({ collection: 'answers', id: 1, draft: true, depth: 0, overrideAccess: true })).body)

describe.skipIf(isMongo())('the claim-citation proposal of an upgrade', () => {
  it('is recorded by the migration, survives a failure that the start reports and outlives, and is made at the next start', async () => {
    const prodMigrations = await databaseAtClaimChecksRelease(payload)

    // Another process applies the migrations without the product's afterMigrations (`payload migrate`).
    await payload.db.migrate({ migrations: prodMigrations })
    expect(await payload.kv.keys()).toContain('cms:after-migrations:proposeClaimCitations')
    expect(await proposedCitations()).toEqual([])

    // The server's first start: the proposal's save fails once (a busy database, a hook's error).
    const update = vi.spyOn(payload, 'update').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'))
    const logged = vi.spyOn(payload.logger, 'error')
    let errors: unknown[] = []
    try {
      await migrateWithoutExit(payload)
    } finally {
      errors = logged.mock.calls.map(([entry]) => (entry as { msg?: string }).msg)
      update.mockRestore()
      logged.mockRestore()
    }
    expect(errors).toContain(
      'Proposing claim citations for answers written before them failed after the migrations, and nothing was changed. It is tried again at the next start; `npm run claims:propose` does it now.',
    )
    expect(await proposedCitations()).toEqual([])
    expect(await payload.kv.has('cms:after-migrations:proposeClaimCitations')).toBe(true)

    // The next start makes the proposal and forgets the task.
    await afterMigrations(payload)
    expect(await proposedCitations()).toMatchObject([{ passageId: 'met-surgery' }])
    expect(await payload.kv.has('cms:after-migrations:proposeClaimCitations')).toBe(false)
  })
})
