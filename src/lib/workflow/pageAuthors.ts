import type { PayloadRequest } from 'payload'

import type { Answer, GuidelineSource, Question } from '@/payload-types'
import { GUIDELINE_SOURCES, QUESTIONS } from '@collections/slugs'
import { answerReferences } from '../claims/references'
import { relationId, uniqueIds } from '../relationId'
import { citedSourceIds } from './contentHash'

/**
 * Everyone who wrote the parts of an answer's page that are not the answer itself: the question's
 * text (since the answer was last published) and every guideline passage it cites. The approval
 * binds those too (they are hashed with the answer), so they are authors in the sense of "nobody
 * approves their own text" (reviewerEligibility.ts). Two reads, only the fields needed.
 */
export async function pageAuthors(
  req: PayloadRequest,
  answer: Partial<Pick<Answer, 'question' | 'citations' | 'body'>>,
): Promise<string[]> {
  const questionId = relationId(answer.question)
  const sourceIds = citedSourceIds(answer)
  const [question, sources] = await Promise.all([
    questionId === undefined
      ? null
      : (req.payload.findByID({
          collection: QUESTIONS,
          id: questionId,
          select: { textAuthors: true },
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        }) as Promise<Pick<Question, 'textAuthors'> | null>),
    sourceIds.length === 0
      ? []
      : req.payload
          .find({
            collection: GUIDELINE_SOURCES,
            where: { id: { in: sourceIds } },
            select: { passages: { passageId: true, editedBy: true } },
            pagination: false,
            depth: 0,
            overrideAccess: true,
            req,
          })
          .then(({ docs }) => docs as Pick<GuidelineSource, 'id' | 'passages'>[]),
  ])
  const cited = new Set(answerReferences(answer).map((reference) => `${String(reference.source)}#${reference.passageId}`))
  const passageEditors = sources.flatMap((source) =>
    (source.passages ?? [])
      .filter((passage) => cited.has(`${String(source.id)}#${passage.passageId}`))
      .flatMap((passage) => passage.editedBy ?? []),
  )
  return uniqueIds([...(question?.textAuthors ?? []), ...passageEditors]).map(String)
}
