/**
 * Issue 15 (publishing at volume): the SQLite client under Payload's adapter.
 *
 * - @libsql/client 0.14, which Payload 3.90 pins, opened a new connection after every transaction
 *   (and SQLite parsed the whole schema again on it), and compiled every statement on every call:
 *   compiling Payload's larger queries cost more than running them. package.json's `overrides`
 *   moves the whole tree to 0.18, which keeps connections in a pool, and
 *   patches/@libsql+client+0.18.0.patch keeps compiled statements per connection.
 * - 0.15 moved the extended error code out of `code`, where Payload's adapter looks for
 *   SQLITE_CONSTRAINT_UNIQUE to turn a duplicate into a 400 naming the field; the patch keeps it
 *   there (tests/int/bad-input.test.ts checks the 400 end to end).
 *
 * - package.json declares drizzle-orm (the version the adapter pins) so that npm installs one copy.
 *
 * The speed is measured by `npm run bench:publish`; these tests check that the kept statements give
 * the same results as fresh ones, including after errors, rollbacks and schema changes.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const fromHere = createRequire(import.meta.url)
// The libsql driver as the client loads it (the same module instance, so a spy on it sees the calls).
const Database = createRequire(fromHere.resolve('@libsql/client'))('libsql') as { prototype: { prepare: (sql: string) => unknown } }

let dir: string
let client: Client

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-client-'))
  client = createClient({ url: `file:${path.join(dir, 'test.db')}` })
  await client.execute('PRAGMA journal_mode = WAL')
  await client.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, body TEXT)')
})

afterEach(() => {
  client.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the SQLite client Payload runs on', () => {
  it("is the version package.json asks for, in Payload's adapter too", () => {
    // The package's own package.json is not exported: found from its entry point.
    const versionFrom = (entry: string) => {
      let dirName = path.dirname(entry)
      while (!fs.existsSync(path.join(dirName, 'package.json')) || path.basename(dirName) !== 'client') dirName = path.dirname(dirName)
      return (JSON.parse(fs.readFileSync(path.join(dirName, 'package.json'), 'utf8')) as { version: string }).version
    }
    const fromAdapter = createRequire(fromHere.resolve('@payloadcms/db-sqlite'))
    expect(versionFrom(fromHere.resolve('@libsql/client'))).toBe('0.18.0')
    expect(versionFrom(fromAdapter.resolve('@libsql/client'))).toBe('0.18.0')
  })

  it("shares one copy of drizzle-orm between Payload's adapter and its drizzle layer", () => {
    // Two copies made drizzle's entity check miss `instanceof` and walk prototype chains instead.
    const adapter = createRequire(fromHere.resolve('@payloadcms/db-sqlite'))
    const drizzleLayer = createRequire(adapter.resolve('@payloadcms/drizzle'))
    expect(adapter.resolve('drizzle-orm')).toBe(fromHere.resolve('drizzle-orm'))
    expect(drizzleLayer.resolve('drizzle-orm')).toBe(fromHere.resolve('drizzle-orm'))
  })

  it('compiles a statement once per connection and gives fresh results each time', async () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare')
    try {
      for (let i = 1; i <= 20; i += 1)
        await client.execute({ sql: 'INSERT INTO notes (slug, body) VALUES (?, ?)', args: [`n${i}`, `body ${i}`] })
      const counts: number[] = []
      for (let i = 0; i < 3; i += 1) {
        counts.push(Number((await client.execute('SELECT count(*) AS n FROM notes')).rows[0]!.n))
        await client.execute({ sql: 'DELETE FROM notes WHERE slug = ?', args: [`n${i + 1}`] })
      }
      expect(counts).toEqual([20, 19, 18])
      const compiled = prepare.mock.calls.map(([sql]) => sql)
      expect(compiled.filter((sql) => sql.startsWith('INSERT'))).toHaveLength(1)
      expect(compiled.filter((sql) => sql.startsWith('SELECT count'))).toHaveLength(1)
    } finally {
      prepare.mockRestore()
    }
  })

  it('keeps the extended code of a unique violation in `code`, and the statement usable after it', async () => {
    const insert = { sql: 'INSERT INTO notes (slug, body) VALUES (?, ?)', args: ['taken', 'first'] }
    await client.execute(insert)
    const error = await client.execute(insert).then(
      () => null,
      (caught: unknown) => caught as { code?: string; message?: string },
    )
    expect(error?.code).toBe('SQLITE_CONSTRAINT_UNIQUE')
    expect(error?.message).toMatch(/UNIQUE constraint failed: notes\.slug/)
    await client.execute({ ...insert, args: ['free', 'second'] })
    const { rows } = await client.execute('SELECT slug FROM notes ORDER BY id')
    expect(rows.map((row) => row.slug)).toEqual(['taken', 'free'])
  })

  it('sees a column added after a `*` statement was kept', async () => {
    await client.execute({ sql: 'INSERT INTO notes (slug, body) VALUES (?, ?)', args: ['a', 'text'] })
    expect(Object.keys((await client.execute('SELECT * FROM notes')).rows[0]!)).toEqual(['id', 'slug', 'body'])
    await client.execute("ALTER TABLE notes ADD COLUMN status TEXT DEFAULT 'draft'")
    const [row] = (await client.execute('SELECT * FROM notes')).rows
    expect({ ...row }).toEqual({ id: 1, slug: 'a', body: 'text', status: 'draft' })
  })

  it('does not let reads outside a transaction see its writes, and reuses its connection afterwards', async () => {
    const count = async () => Number((await client.execute('SELECT count(*) AS n FROM notes')).rows[0]!.n)
    const tx = await client.transaction('write')
    await tx.execute({ sql: 'INSERT INTO notes (slug, body) VALUES (?, ?)', args: ['pending', 'x'] })
    expect(await count()).toBe(0)
    await tx.rollback()
    expect(await count()).toBe(0)
    const open = vi.spyOn(Database.prototype, 'prepare')
    try {
      for (let i = 0; i < 5; i += 1) {
        const each = await client.transaction('write')
        await each.execute({ sql: 'INSERT INTO notes (body, slug) VALUES (?, ?)', args: ['x', `t${i}`] })
        await each.commit()
      }
      expect(await count()).toBe(5)
      // One connection serves the five transactions one after the other: the insert is compiled once.
      expect(open.mock.calls.filter(([sql]) => sql.startsWith('INSERT'))).toHaveLength(1)
    } finally {
      open.mockRestore()
    }
  })
})
