import type { CollectionSlug, Payload } from 'payload'
import { expect } from 'vitest'

import { errorMessage, type RestResponse } from './rest'

const COUNTED: CollectionSlug[] = [
  'questions',
  'answers',
  'approvals',
  'guideline-sources',
  'cancer-types',
  'users',
  'question-imports',
  'claim-checks',
]

/** How many documents (and answer versions) each collection holds: equal before and after means nothing was saved. */
export async function countDocuments(payload: Payload): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const collection of COUNTED) {
    counts[collection] = (await payload.count({ collection, overrideAccess: true })).totalDocs
  }
  counts.answerVersions = (await payload.countVersions({ collection: 'answers', overrideAccess: true })).totalDocs
  return counts
}

/** Runs a request and checks: expected status, a message matching `message`, nothing saved. */
export async function expectRefused(
  payload: Payload,
  run: () => Promise<RestResponse>,
  status: number,
  message: RegExp,
): Promise<RestResponse> {
  const before = await countDocuments(payload)
  const response = await run()
  expect(response.status, response.text).toBe(status)
  expect(errorMessage(response), response.text).toMatch(message)
  expect(await countDocuments(payload)).toEqual(before)
  return response
}
