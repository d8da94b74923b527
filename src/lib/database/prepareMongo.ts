import type { Payload } from 'payload'

import { ANSWERS } from '@collections/slugs'
import { fillDuplicateKeys } from '../questionImport/fillDuplicateKeys'

type VersionModels = Record<string, { collection: { createIndex(spec: Record<string, 1>): Promise<string> } } | undefined>

/**
 * The answer-version indexes SQLite gets from the schema hooks in ./adapter.ts (and their
 * migrations), for MongoDB, where Payload builds the versions collection without them: its version
 * fields keep `index`, but `answers.question` is `unique`, which versions drop, so finding a
 * question's answer read every answer version. Field names as Payload stores versions.
 */
const ANSWER_VERSION_INDEXES: Record<string, 1>[] = [
  { 'version.question': 1, latest: 1 },
  { parent: 1, latest: 1 },
  { latest: 1, 'version.workflowStage': 1, 'version.reviewDueAt': 1, parent: 1, createdAt: 1 },
]

/**
 * What SQLite's migrations do that MongoDB, which has none, needs at start: the indexes above
 * (creating an index that exists is a no-op) and the derived fields a newer version added. Not run
 * here: no MongoDB server can run on this machine (README "MongoDB").
 */
export async function prepareMongoDatabase(payload: Payload): Promise<void> {
  const model = (payload.db as unknown as { versions?: VersionModels }).versions?.[ANSWERS]
  if (!model) throw new Error('The MongoDB adapter has no answers versions model: Payload changed how it keeps versions.')
  for (const spec of ANSWER_VERSION_INDEXES) await model.collection.createIndex(spec)
  await fillDuplicateKeys(payload)
}
