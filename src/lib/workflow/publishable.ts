import type { Field, PayloadRequest } from 'payload'
import { fieldAffectsData } from 'payload/shared'

import type { Answer } from '@/payload-types'
import { ANSWERS } from '@collections/slugs'
import { lexicalToText } from '../richText'
import { type PageContext, referenceHeadings } from './contentHash'

/** Content that makes an answer high-risk (two approvals): survival figures, dosing, children. */
export const HIGH_RISK_PATTERN =
  /\b(survival|prognosis|life expectancy|\d+(?:\.\d+)?\s?%|doses?|dosing|dosage|mg|milligrams?|child|children|kids?|pediatric|paediatric|teenagers?)\b/i

/**
 * Every piece of text a patient reads on the answer's page, for the high-risk rule: the question
 * as shown, the answer itself, the cancer type and the credited guidelines with the headings of the
 * passages its references name. Slugs and URLs are addresses, not prose.
 */
export function patientText(answer: Answer, page: PageContext): string {
  return [
    page.questionText,
    answer.title,
    page.cancerType.name,
    answer.summary,
    lexicalToText(answer.body),
    ...(answer.questionsToAsk ?? []).flatMap((q) => [q.question, q.why]),
    answer.keyTakeaway,
    ...page.sources.flatMap((source) => [source.publisher, source.title, source.version]),
    ...referenceHeadings(answer, page.sources),
  ].join('\n')
}

/** Whether the page as it stands needs two approvals (an editor may also have set it by hand). */
export function isHighRisk(answer: Answer, page: PageContext): boolean {
  return Boolean(answer.highRisk) || HIGH_RISK_PATTERN.test(patientText(answer, page))
}

export function requiredApprovals(answer: { highRisk?: boolean | null }): number {
  return answer.highRisk ? 2 : 1
}

/** What a draft needs before a clinician's time is spent on it. Citations are checked on every save. */
export function missingForReview(answer: Answer): string[] {
  const missing: string[] = []
  if (!answer.summary?.trim()) missing.push('the short answer (summary)')
  if (!answer.body?.root?.children?.length) missing.push('the body')
  if (!answer.questionsToAsk?.length) missing.push('questions to ask')
  if (!answer.keyTakeaway?.trim()) missing.push('the key takeaway')
  if (!answer.citations?.length) missing.push('citations to guideline passages')
  return missing
}

export type Publishability = { missing: string[]; invalid: string[] }

/**
 * The one "could this version be published as it stands" check, used by submission, approval and
 * publication (the approval rule and the admin override): the parts every answer needs, and the
 * same field validation Payload runs when it publishes (lengths, number of rows, required fields),
 * run with the collection's own validators so the limits live in one place. Drafts are validated
 * on save too; this also catches versions saved before that was so.
 */
export async function publishability(req: PayloadRequest, answer: Answer): Promise<Publishability> {
  const fields = req.payload.collections[ANSWERS].config.fields
  return {
    missing: missingForReview(answer),
    invalid: await invalidFields(req, answer, fields, answer as unknown as Record<string, unknown>, []),
  }
}

async function invalidFields(
  req: PayloadRequest,
  answer: Answer,
  fields: Field[],
  siblingData: Record<string, unknown>,
  path: (string | number)[],
): Promise<string[]> {
  const problems: string[] = []
  for (const field of fields) {
    if (!fieldAffectsData(field)) {
      // Layout only (collapsible, row): its fields sit beside it.
      if ('fields' in field) problems.push(...(await invalidFields(req, answer, field.fields, siblingData, path)))
      continue
    }
    const value = siblingData?.[field.name]
    const fieldPath = [...path, field.name]
    // Related documents are checked to exist on every save (verifyRelationsExist) and cannot be
    // deleted while referenced; their validators would cost a query each, on every submission.
    const related = field.type === 'relationship' || field.type === 'upload'
    if (!related && 'validate' in field && typeof field.validate === 'function') {
      const result = await (field.validate as (value: unknown, options: Record<string, unknown>) => Promise<string | true> | string | true)(
        value,
        {
          ...field,
          id: answer.id,
          collectionSlug: ANSWERS,
          data: answer,
          event: 'submit',
          operation: 'update',
          overrideAccess: true,
          path: fieldPath,
          preferences: { fields: {} },
          previousValue: value,
          req,
          siblingData,
        },
      )
      if (typeof result === 'string') problems.push(`${fieldPath.join('.')}: ${result}`)
    }
    if (field.type === 'array' && Array.isArray(value)) {
      for (const [index, row] of value.entries()) {
        problems.push(...(await invalidFields(req, answer, field.fields, row as Record<string, unknown>, [...fieldPath, index])))
      }
    } else if (field.type === 'group' && value && typeof value === 'object') {
      problems.push(...(await invalidFields(req, answer, field.fields, value as Record<string, unknown>, fieldPath)))
    }
  }
  return problems
}
