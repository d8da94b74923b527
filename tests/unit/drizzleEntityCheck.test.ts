/**
 * Issue 15 (publishing at volume): drizzle asks "is this chunk a Table? a Column? a Param?..." for
 * every piece of every statement it builds, with `is(value, Class)`. When `instanceof` says no, the
 * original walked the value's class chain reading each class's entity kind, so most of those
 * questions (the negative ones) cost a chain walk: about 6 % of the CPU time of a publication.
 * patches/drizzle-orm+0.45.2.patch (applied by `npm install`'s postinstall) reads a class's chain
 * once and keeps its kinds; entity kinds are static fields, fixed when the class is defined.
 *
 * The answers must be the ones drizzle gave before, including for a class from another copy of
 * drizzle (the case the chain walk exists for).
 */
import { Column, entityKind, is, Param, SQL, sql, StringChunk, Table } from 'drizzle-orm'
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'

const notes = sqliteTable('notes', { slug: text('slug') })

describe("drizzle's entity check", () => {
  it('recognises its own entities and refuses everything else', () => {
    const statement = sql`select ${notes.slug} from ${notes}`
    expect(is(statement, SQL)).toBe(true)
    expect(is(notes, Table)).toBe(true)
    expect(is(notes.slug, Column)).toBe(true)
    expect(is(new StringChunk('x'), StringChunk)).toBe(true)
    // The negative answers, asked twice: the second comes from what the first learned.
    for (let round = 0; round < 2; round++) {
      expect(is(statement, Table)).toBe(false)
      expect(is(notes.slug, SQL)).toBe(false)
      expect(is(new StringChunk('x'), Param)).toBe(false)
      expect(is({}, SQL)).toBe(false)
      expect(is('select 1', SQL)).toBe(false)
      expect(is(null, SQL)).toBe(false)
    }
  })

  it('still recognises an entity of another copy of drizzle by its kind, and its subclasses', () => {
    class ForeignSql {
      static readonly [entityKind] = 'SQL'
    }
    class ForeignSubclass extends ForeignSql {}
    class ForeignColumn {
      static readonly [entityKind] = 'Column'
    }
    for (let round = 0; round < 2; round++) {
      expect(is(new ForeignSql(), SQL)).toBe(true)
      expect(is(new ForeignSubclass(), SQL)).toBe(true)
      expect(is(new ForeignSubclass(), Column)).toBe(false)
      expect(is(new ForeignColumn(), Column)).toBe(true)
      expect(is(new ForeignColumn(), SQL)).toBe(false)
    }
  })

  it('reads a class chain once, however often the class is checked', () => {
    let reads = 0
    class Counted {
      static get [entityKind]() {
        reads += 1
        return 'Counted'
      }
    }
    for (let i = 0; i < 5; i++) expect(is(new Counted(), SQL)).toBe(false)
    // Unpatched, every check read the kind again: five.
    expect(reads).toBe(1)
  })

  it('still refuses a class that is not a drizzle entity as the type asked about', () => {
    class NotAnEntity {}
    expect(() => is(new StringChunk('x'), NotAnEntity as never)).toThrow(/doesn't look like a Drizzle entity/)
  })
})
