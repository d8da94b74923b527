/**
 * One run at a time (src/lib/leases/oneAtATime.ts): the lease that keeps two runs of one piece of
 * paid work (a draft, a batch submission, a claim check) from running together, in one process or
 * across servers sharing the database. Tests here drive the lease directly; drafting-model.test.ts
 * and claim-verification.test.ts run two copies of the real jobs.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EXPIRED_LEASE_RETENTION_MS, oneAtATime, pruneExpiredLeases, takeLease } from '@/lib/leases/oneAtATime'
import { RestClient } from '../helpers/rest'
import { createUser, PASSWORD } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => stopPayload(payload))

const leases = async (key: string) =>
  (await payload.find({ collection: 'work-leases', where: { key: { equals: key } }, overrideAccess: true, depth: 0 })).docs

/** A promise and the function that settles it: lets a test hold work open while it looks. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

describe('one run at a time', () => {
  it('a second run of the same work waits for the first and is told so; the lease is gone afterwards', async () => {
    const key = `test:${Math.random()}`
    const events: string[] = []
    const firstHolds = gate()
    const firstStarted = gate()
    const first = oneAtATime(payload, key, async (turn) => {
      events.push(`first starts (after another: ${turn.afterAnotherRun})`)
      firstStarted.open()
      await firstHolds.opened
      events.push('first ends')
      return 'first'
    })
    await firstStarted.opened
    const second = oneAtATime(
      payload,
      key,
      async (turn) => {
        events.push(`second starts (after another: ${turn.afterAnotherRun})`)
        return 'second'
      },
      { pollMs: 20 },
    )
    // While the first holds it, the lease is in the database and nobody else can take it.
    expect(await leases(key)).toHaveLength(1)
    expect(await takeLease(payload, key, 60_000)).toBeNull()
    expect(events).toEqual(['first starts (after another: false)'])
    firstHolds.open()
    expect(await Promise.all([first, second])).toEqual(['first', 'second'])
    expect(events).toEqual(['first starts (after another: false)', 'first ends', 'second starts (after another: true)'])
    expect(await leases(key)).toEqual([])
  })

  it('different work runs side by side', async () => {
    const both = gate()
    let started = 0
    const run = (key: string) =>
      oneAtATime(payload, key, async () => {
        started += 1
        if (started === 2) both.open()
        await both.opened
        return key
      })
    // Each waits until both have started: this resolves only if neither waits for the other.
    expect(await Promise.all([run(`test:a:${Math.random()}`), run(`test:b:${Math.random()}`)])).toHaveLength(2)
    expect(started).toBe(2)
  })

  it('work that throws gives the lease back, and the error reaches the caller', async () => {
    const key = `test:${Math.random()}`
    await expect(
      oneAtATime(payload, key, async () => {
        throw new Error('model unreachable')
      }),
    ).rejects.toThrow('model unreachable')
    expect(await leases(key)).toEqual([])
    expect(await oneAtATime(payload, key, async (turn) => turn)).toEqual({ afterAnotherRun: false })
  })

  it('a lease left by a run that died is taken over once it expires, and not before', async () => {
    const key = `test:${Math.random()}`
    // A run that died holding the lease, which expires in the future...
    const live = await payload.create({
      collection: 'work-leases',
      data: { key, holder: 'dead-run', claimedUntil: new Date(Date.now() + 60_000).toISOString() },
      overrideAccess: true,
    })
    expect(await takeLease(payload, key, 60_000)).toBeNull()
    // ...and once it has expired.
    await payload.update({
      collection: 'work-leases',
      id: live.id,
      data: { claimedUntil: new Date(Date.now() - 1_000).toISOString() },
      overrideAccess: true,
    })
    const taken = await takeLease(payload, key, 60_000)
    expect(taken).toEqual({ holder: expect.any(String), tookOver: true })
    const [row] = await leases(key)
    expect(row).toMatchObject({ holder: taken!.holder })
    expect(new Date(row!.claimedUntil).getTime()).toBeGreaterThan(Date.now())
    // Two runs racing for the expired lease: one takes it.
    await payload.update({
      collection: 'work-leases',
      id: row!.id,
      data: { claimedUntil: new Date(Date.now() - 1_000).toISOString() },
      overrideAccess: true,
    })
    const racing = await Promise.all([takeLease(payload, key, 60_000), takeLease(payload, key, 60_000)])
    expect(racing.filter(Boolean)).toHaveLength(1)
  })

  it('a run that finds an expiring lease goes on once it has expired, and is told another run held it', async () => {
    const key = `test:${Math.random()}`
    await payload.create({
      collection: 'work-leases',
      data: { key, holder: 'dead-run', claimedUntil: new Date(Date.now() + 300).toISOString() },
      overrideAccess: true,
    })
    expect(await oneAtATime(payload, key, async (turn) => turn, { pollMs: 20 })).toEqual({ afterAnotherRun: true })
    expect(await leases(key)).toEqual([])
    // Taken over at the first look (already expired): told the same.
    await payload.create({
      collection: 'work-leases',
      data: { key, holder: 'dead-run', claimedUntil: new Date(Date.now() - 1_000).toISOString() },
      overrideAccess: true,
    })
    expect(await oneAtATime(payload, key, async (turn) => turn, { pollMs: 20 })).toEqual({ afterAnotherRun: true })
  })

  it('work that outlasts the lease keeps it: the holder renews it, and a second run waits', async () => {
    const key = `test:${Math.random()}`
    const leaseMs = 3_000
    const holds = gate()
    const started = gate()
    const events: string[] = []
    const first = oneAtATime(
      payload,
      key,
      async () => {
        started.open()
        await holds.opened
        events.push('first ends')
      },
      { leaseMs },
    )
    await started.opened
    const [taken] = await leases(key)
    const firstExpiry = new Date(taken!.claimedUntil).getTime()
    const second = oneAtATime(
      payload,
      key,
      async () => {
        events.push('second starts')
      },
      { leaseMs, pollMs: 20 },
    )
    // Past the lease as first taken: renewed since, so the second run still waits.
    await expect
      .poll(async () => new Date((await leases(key))[0]!.claimedUntil).getTime(), { timeout: 10_000, interval: 100 })
      .toBeGreaterThan(firstExpiry + 500)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstExpiry + 200 - Date.now())))
    expect(Date.now()).toBeGreaterThan(firstExpiry)
    expect(events).toEqual([])
    holds.open()
    await Promise.all([first, second])
    expect(events).toEqual(['first ends', 'second starts'])
  })

  it('leases that expired more than a day ago are pruned; others are kept', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString()
    const rows = {
      long: `test:long-expired:${Math.random()}`,
      recent: `test:just-expired:${Math.random()}`,
      live: `test:live:${Math.random()}`,
    }
    await payload.create({
      collection: 'work-leases',
      data: { key: rows.long, holder: 'a', claimedUntil: at(-EXPIRED_LEASE_RETENTION_MS - 60_000) },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'work-leases',
      data: { key: rows.recent, holder: 'b', claimedUntil: at(-60_000) },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'work-leases',
      data: { key: rows.live, holder: 'c', claimedUntil: at(60_000) },
      overrideAccess: true,
    })
    expect(await pruneExpiredLeases(payload)).toBe(1)
    expect(await leases(rows.long)).toEqual([])
    expect(await leases(rows.recent)).toHaveLength(1)
    expect(await leases(rows.live)).toHaveLength(1)
    expect(await pruneExpiredLeases(payload)).toBe(0)
  })

  it('the leases are not open to the API: admins may read them, nobody writes them', async () => {
    const rest = new RestClient(payload)
    const admin = await createUser(payload, { roles: ['admin'] })
    const editor = await createUser(payload, { roles: ['editor'] })
    const adminCookie = await rest.login(admin.email, PASSWORD)
    const editorCookie = await rest.login(editor.email, PASSWORD)
    expect((await rest.get('/work-leases', { cookie: adminCookie })).status).toBe(200)
    expect((await rest.get('/work-leases', { cookie: editorCookie })).status).toBe(403)
    const forged = await rest.post('/work-leases', {
      cookie: adminCookie,
      json: { key: 'draft-question:1', holder: 'me', claimedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    })
    expect(forged.status).toBe(403)
    expect(await leases('draft-question:1')).toEqual([])
  })
})
