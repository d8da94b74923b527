/**
 * Issue 15 (publishing at volume): Payload's SQLite adapter converts the same collection slugs and
 * field names to snake case on every query and every write (`to-snake-case`, about 2 % of the CPU
 * time of a publication). patches/to-snake-case+1.0.0.patch (applied by `npm install`'s postinstall)
 * remembers each conversion. The names must be the ones the original gave, or the adapter would
 * address columns and tables that do not exist.
 */
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const spaceCasePath = require.resolve('to-space-case', { paths: [require.resolve('to-snake-case')] })
const snakeCasePath = require.resolve('to-snake-case')
const toSpaceCase = require(spaceCasePath) as (value: string) => string
// The conversion as the package defines it, without the memo.
const original = (value: string) => toSpaceCase(value).replace(/\s/g, '_')

/** A fresh copy of the patched module whose to-space-case counts its calls. */
function countingSnakeCase() {
  const calls: string[] = []
  const counting = (value: string) => {
    calls.push(value)
    return toSpaceCase(value)
  }
  require.cache[spaceCasePath]!.exports = counting
  delete require.cache[snakeCasePath]
  const toSnakeCase = require(snakeCasePath) as (value: string) => string
  return { toSnakeCase, calls }
}

afterEach(() => {
  require.cache[spaceCasePath]!.exports = toSpaceCase
  delete require.cache[snakeCasePath]
})

const NAMES = [
  'answers',
  'guideline-sources',
  'payload-locked-documents',
  'questionsToAsk',
  'safetyWarnings',
  'version_workflowStage',
  '_answers_v',
  'reviewIntervalMonths',
  'HTTPStatus',
  'claim checks',
  'a1b2c3d4-5e6f-7a8b-9c0d-e1f2a3b4c5d6',
  '',
]

describe('to-snake-case, remembered', () => {
  it('gives the names the original gives, the first time and when remembered', () => {
    const { toSnakeCase } = countingSnakeCase()
    for (let round = 0; round < 2; round++)
      for (const name of NAMES) expect(toSnakeCase(name), `${name}, round ${round + 1}`).toBe(original(name))
    expect(toSnakeCase('guideline-sources')).toBe('guideline_sources')
    expect(toSnakeCase('questionsToAsk')).toBe('questions_to_ask')
  })

  it('converts a name once, however often it is asked', () => {
    const { toSnakeCase, calls } = countingSnakeCase()
    for (let i = 0; i < 5; i++) toSnakeCase('reviewIntervalMonths')
    expect(calls).toEqual(['reviewIntervalMonths'])
  })

  it('keeps a bounded number of names', () => {
    const { toSnakeCase, calls } = countingSnakeCase()
    for (let i = 0; i <= 10_000; i++) toSnakeCase(`field${i}`)
    // The 10,001st name cleared what was kept: the first is converted again.
    toSnakeCase('field0')
    expect(calls.filter((name) => name === 'field0')).toHaveLength(2)
    expect(toSnakeCase('fieldNine')).toBe('field_nine')
  })
})
