/**
 * Issue 15 (publishing at volume): Payload validates each field of a save with the stored document
 * merged with the incoming data, a deep copy of the whole answer (its rich text and public record
 * included) for every one of about 260 validated fields. patches/payload+3.90.1.patch marks Payload's
 * own validators that never read the document (text, number, array, relationships without
 * filterOptions...) so the merge is made only for a validator that may read it: every custom
 * validator, rich text (its blocks are validated against the document), relationships with
 * filterOptions. What each validator sees is otherwise unchanged.
 */
import type { CollectionSlug, Field, Payload, Validate } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ANSWERS, CANCER_TYPES, QUESTIONS } from '@collections/slugs'
import { createCancerType } from '../helpers/fixtures'

Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

type MarkedValidate = Validate & { readsDocument?: boolean }
type NamedField = Field & { name: string; validate?: MarkedValidate }

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
}, 120_000)
afterAll(async () => stopPayload(payload))

/** A field of the sanitized config by name, looking into unnamed containers (rows, collapsibles). */
const field = (collection: CollectionSlug, name: string): NamedField => {
  const search = (fields: Field[]): Field | undefined => {
    for (const candidate of fields) {
      if ('name' in candidate && candidate.name === name) return candidate
      const inner = !('name' in candidate) && 'fields' in candidate ? search(candidate.fields) : undefined
      if (inner) return inner
    }
    return undefined
  }
  const found = search(payload.collections[collection]!.config.fields)
  if (!found) throw new Error(`${collection} has no field ${name}`)
  return found as NamedField
}

describe("Payload's default validators", () => {
  it('are marked as not reading the document only where they never do', () => {
    const marks = (collection: CollectionSlug, names: string[]) => names.map((name) => field(collection, name).validate?.readsDocument)
    // text, relationship without filterOptions, array, group, json, number: the document is not read.
    expect(marks(ANSWERS, ['title', 'cancerType', 'citations', 'provenance', 'publicJson'])).toEqual([false, false, false, false, false])
    expect(marks(CANCER_TYPES, ['name', 'reviewIntervalMonths'])).toEqual([false, false])
    // Rich text validates its blocks against the document; a relationship with filterOptions reads it.
    expect(marks(ANSWERS, ['body', 'assignedReviewers'])).toEqual([true, true])
    // A validator written in this project carries no mark: it gets the merged document.
    expect(field(QUESTIONS, 'text').validate).toBeTypeOf('function')
    expect(field(QUESTIONS, 'text').validate?.readsDocument).toBeUndefined()
  })
})

describe('a partial update', () => {
  it('gives a validator that may read the document its own merged copy, and one that never does the data as it is', async () => {
    const type = await createCancerType(payload)
    const spied = ['name', 'reviewIntervalMonths', 'evidenceNoticeDays'].map((name) => field(CANCER_TYPES, name))
    const originals = spied.map((spiedField) => spiedField.validate)
    const seen = new Map<string, unknown>()
    const spy = (name: string, readsDocument?: false): MarkedValidate => {
      const validate: MarkedValidate = (_value, { data }) => {
        seen.set(name, data)
        return true
      }
      if (readsDocument === false) validate.readsDocument = false
      return validate
    }
    // The name's validator is a custom one (no mark), as a project's own would be; the two numbers'
    // are marked as never reading the document, as Payload's number validator is.
    spied[0]!.validate = spy('name')
    spied[1]!.validate = spy('reviewIntervalMonths', false)
    spied[2]!.validate = spy('evidenceNoticeDays', false)
    try {
      await payload.update({ collection: CANCER_TYPES, id: type.id, data: { reviewIntervalMonths: 6 }, overrideAccess: true })
    } finally {
      spied.forEach((spiedField, i) => (spiedField.validate = originals[i]))
    }
    // The custom validator sees the stored document with the change.
    expect(seen.get('name')).toMatchObject({ name: type.name, reviewIntervalMonths: 6 })
    // The marked ones share the save's data object, where each validator used to get a fresh merge.
    expect(seen.get('reviewIntervalMonths')).toBe(seen.get('evidenceNoticeDays'))
    expect(seen.get('reviewIntervalMonths')).not.toBe(seen.get('name'))
    expect(seen.get('reviewIntervalMonths')).toMatchObject({ reviewIntervalMonths: 6 })
  })

  it("still refuses a value Payload's own validator rejects, with the field named", async () => {
    const type = await createCancerType(payload)
    await expect(payload.update({ collection: CANCER_TYPES, id: type.id, data: { name: 'x' }, overrideAccess: true })).rejects.toThrow(
      /name/i,
    )
    const stored = await payload.findByID({ collection: CANCER_TYPES, id: type.id, overrideAccess: true })
    expect(stored.name).toBe(type.name)
  })
})
