/**
 * Issue 15 (publishing at volume): Payload validates every field of a save with the document merged
 * with the incoming data (`deepMergeWithSourceArrays(doc, data)`, once per validated field). When a
 * field is empty (null) in the stored document and an object in the data, as `publicJson` is on a
 * draft that gets published, deepmerge asked `key in null` for every key of that object: each threw
 * a TypeError (caught inside deepmerge), about 24,000 per publication, and each captured a stack
 * trace. patches/deepmerge+4.3.1.patch (applied by `npm install`'s postinstall) answers "no such
 * property" for a primitive target without throwing. The result of a merge is unchanged.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { deepMergeWithSourceArrays } from 'payload/shared'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..', '..')

/** An object shaped like a public record: many keys, some nested. */
function bigRecord(keys: number): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: keys }, (_, i) => [`key${i}`, i % 10 === 0 ? { nested: i, list: [i] } : `value ${i}`]))
}

describe('merging a document with an empty field for validation', () => {
  it('gives the same result as before: the data object, copied', () => {
    const record = bigRecord(50)
    const merged: { publicJson?: unknown } = deepMergeWithSourceArrays(
      { title: 'Draft', publicJson: null, body: { root: 1 } },
      { publicJson: record, title: 'Live' },
    )
    expect(merged).toEqual({ title: 'Live', publicJson: record, body: { root: 1 } })
    expect(merged.publicJson).not.toBe(record)
    expect(deepMergeWithSourceArrays({ notice: 'text' }, { notice: { kind: 'x' } })).toEqual({ notice: { kind: 'x' } })
    expect(deepMergeWithSourceArrays({ count: 0 }, { count: { a: 1 } })).toEqual({ count: { a: 1 } })
  })

  // The speed itself is measured by `npm run bench:publish`, not here (no timed tests).
  it('the deepmerge Payload loads is the patched one (no exception per key for an empty field)', () => {
    const fromPayload = createRequire(createRequire(import.meta.url).resolve('payload/shared'))
    for (const entry of ['deepmerge', 'deepmerge/dist/cjs.js']) {
      const source = fs.readFileSync(fromPayload.resolve(entry), 'utf8')
      expect(source, entry).toMatch(
        /if \(object === null \|\| \(typeof object !== 'object' && typeof object !== 'function'\)\) \{\s*return false/,
      )
    }
  })

  it('is applied by npm install', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    // --error-on-fail: a patch that no longer applies fails the install instead of leaving the package unpatched.
    expect(pkg.scripts.postinstall).toBe('patch-package --error-on-fail')
    expect(fs.existsSync(path.join(root, 'patches', 'deepmerge+4.3.1.patch'))).toBe(true)
  })
})
