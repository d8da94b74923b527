import type { SelectField } from 'payload'

import {
  hasWords,
  hiddenCharacterRefusal,
  originField,
  priorityField,
  QUESTION_TEXT_MAX,
  QUESTION_TEXT_MIN,
  QUESTION_WITHOUT_WORDS,
} from '@collections/Questions/fields'
import type { CsvRow } from './parseCsv'
import { cleanQuestionText, duplicateKey, optionKey } from './normalize'
import type { Id } from '@/lib/relationId'

export type CancerTypeRef = { id: Id; name: string; slug?: string | null }
export type ExistingQuestion = { id: Id; text: string; duplicateKey?: string | null }

/** The key a row is compared with existing questions by: the same as the questions collection keeps. */
export const questionKey = (row: CsvRow) => duplicateKey(cleanQuestionText(row.values.question))

/** What the preview shows for a row, and what the import saves when `errors` is empty. */
export type CheckedRow = {
  line: number
  question: string
  /** The matched cancer type's name, or what the file says when nothing matches. */
  cancerType: string
  cancerTypeId: Id | null
  priority: string
  origin: string
  errors: string[]
}

export type CheckContext = { cancerTypes: CancerTypeRef[]; existingQuestions: ExistingQuestion[] }

/**
 * How refusals name things. The CSV import says "line 3 in this file" and quotes the existing
 * question; the intake API (./intake.ts) says "item 2 in this request" and, since an importer key may
 * read no question but its own, gives only the existing question's id.
 */
export type CheckWording = { earlier: (line: number) => string; quoteExisting: boolean }
const CSV_WORDING: CheckWording = { earlier: (line) => `line ${line} in this file`, quoteExisting: true }

type Option = { value: string; label: string }

/** The allowed values come from the collection's own select fields, so the two cannot drift apart. */
function questionOptions(fieldName: 'priority' | 'origin'): { options: Option[]; fallback: string } {
  const field: SelectField = fieldName === 'priority' ? priorityField : originField
  const options = field.options.map((option) =>
    typeof option === 'string' ? { value: option, label: option } : { value: option.value, label: String(option.label) },
  )
  return { options, fallback: String(field.defaultValue) }
}

/**
 * Checks every row against the cancer types and the questions already in the backlog that share a
 * row's key (`loadCheckContext` reads only those). Lookups are built once per file.
 */
export function checkRows(
  rows: CsvRow[],
  headerFieldCount: number,
  { cancerTypes, existingQuestions }: CheckContext,
  wording: CheckWording = CSV_WORDING,
): CheckedRow[] {
  const cancerTypeByKey = new Map<string, CancerTypeRef>()
  for (const type of cancerTypes) {
    cancerTypeByKey.set(type.name.trim().toLowerCase(), type)
    if (type.slug) cancerTypeByKey.set(type.slug.toLowerCase(), type)
  }
  const existingByKey = new Map<string, ExistingQuestion>()
  for (const question of existingQuestions) {
    const key = question.duplicateKey ?? duplicateKey(question.text)
    if (!existingByKey.has(key)) existingByKey.set(key, question)
  }
  const seenInFile = new Map<string, number>()
  const priorities = questionOptions('priority')
  const origins = questionOptions('origin')

  return rows.map((row) => {
    if (row.misaligned) {
      // Every value after a stray comma sits in the wrong column: checking them would only add noise.
      const error =
        row.fieldCount > headerFieldCount
          ? `This row has ${row.fieldCount} fields but the header names ${headerFieldCount}. A question that contains a comma must be wrapped in double quotes.`
          : 'This row has a value in a column with no name in the header. A question that contains a comma must be wrapped in double quotes.'
      return {
        line: row.line,
        question: row.values.question,
        cancerType: row.values.cancerType,
        cancerTypeId: null,
        priority: row.values.priority,
        origin: row.values.origin,
        errors: [error],
      }
    }
    const errors: string[] = []

    const question = cleanQuestionText(row.values.question)
    if (question.length === 0) errors.push('The question is missing.')
    else if (question.length < QUESTION_TEXT_MIN)
      errors.push(`The question is too short: at least ${QUESTION_TEXT_MIN} characters (it has ${question.length}).`)
    else if (question.length > QUESTION_TEXT_MAX)
      errors.push(`The question is too long: at most ${QUESTION_TEXT_MAX} characters (it has ${question.length}).`)
    else if (!hasWords(question)) errors.push(QUESTION_WITHOUT_WORDS)
    else {
      const hidden = hiddenCharacterRefusal(question)
      if (hidden) errors.push(hidden)
    }

    if (question.length > 0) {
      const key = questionKey(row)
      const existing = existingByKey.get(key)
      const earlierLine = seenInFile.get(key)
      if (existing)
        errors.push(`Duplicate of an existing question (#${existing.id})${wording.quoteExisting ? `: "${existing.text}"` : ''}.`)
      if (earlierLine !== undefined) errors.push(`Duplicate of ${wording.earlier(earlierLine)}.`)
      else seenInFile.set(key, row.line)
    }

    const cancerTypeText = row.values.cancerType.trim()
    const cancerType = cancerTypeByKey.get(cancerTypeText.toLowerCase())
    if (cancerTypeText === '') errors.push('The cancer type is missing.')
    else if (!cancerType) errors.push(`Unknown cancer type "${cancerTypeText}". Use the name or slug of an existing cancer type.`)

    const priority = matchOption(row.values.priority, priorities)
    if (priority === undefined) errors.push(unknownOption('priority', row.values.priority, priorities))
    const origin = matchOption(row.values.origin, origins)
    if (origin === undefined) errors.push(unknownOption('origin', row.values.origin, origins))

    return {
      line: row.line,
      question,
      cancerType: cancerType?.name ?? cancerTypeText,
      cancerTypeId: cancerType?.id ?? null,
      priority: priority ?? row.values.priority,
      origin: origin ?? row.values.origin,
      errors,
    }
  })
}

/** An option by its value or its label, any case; empty means the field's default; undefined if unknown. */
function matchOption(raw: string, { options, fallback }: { options: Option[]; fallback: string }): string | undefined {
  const key = optionKey(raw)
  if (key === '') return fallback
  return options.find((option) => option.value === key || optionKey(option.label) === key)?.value
}

function unknownOption(name: string, raw: string, { options, fallback }: { options: Option[]; fallback: string }): string {
  const labels = options.map((option) => option.label.toLowerCase())
  const choices = `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`
  return `Unknown ${name} "${raw}". Use ${choices} (empty means ${fallback.replace(/_/g, ' ')}).`
}
