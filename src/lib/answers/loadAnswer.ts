import type { PayloadRequest } from 'payload'

import type { Answer } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { NotFound } from '../errors'
import type { Id } from '../relationId'

/** An answer as the workflow acts on it (its newest version, drafts included), or null. */
export async function findAnswer(req: PayloadRequest, answerId: Id): Promise<Answer | null> {
  return (await req.payload.findByID({
    collection: ANSWERS,
    id: answerId,
    draft: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as Answer | null
}

/** Like findAnswer, for a use case given an id by its caller: an unknown one is a 404 that names it. */
export async function loadAnswer(req: PayloadRequest, answerId: Id): Promise<Answer> {
  const answer = await findAnswer(req, answerId)
  if (!answer) throw new NotFound(`Answer ${answerId} does not exist.`)
  return answer
}
