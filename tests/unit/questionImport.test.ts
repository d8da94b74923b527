import { APIError } from 'payload'
import { describe, expect, it } from 'vitest'

import { checkRows } from '@/lib/questionImport/checkRows'
import { duplicateKey } from '@/lib/questionImport/normalize'
import { hiddenCharacterRefusal } from '@collections/Questions/fields'
import { MAX_IMPORT_ROWS, parseQuestionCsv } from '@/lib/questionImport/parseCsv'

const refusal = (csv: string): string => {
  try {
    parseQuestionCsv(csv)
  } catch (error) {
    expect(error).toBeInstanceOf(APIError)
    expect((error as APIError).status).toBe(400)
    return (error as Error).message
  }
  throw new Error('expected the CSV to be refused')
}

describe('duplicateKey', () => {
  it('ignores case, spacing and trailing punctuation, and nothing else', () => {
    expect(duplicateKey('  Is surgery an   option?! ')).toBe('is surgery an option')
    expect(duplicateKey('Is surgery an option')).toBe(duplicateKey('IS SURGERY\tAN OPTION...'))
    expect(duplicateKey('Is surgery an option for stage 2?')).not.toBe(duplicateKey('Is surgery an option for stage 3?'))
    // Punctuation inside the question is content.
    expect(duplicateKey('Is it safe, after surgery?')).not.toBe(duplicateKey('Is it safe after surgery?'))
  })
  it('ignores invisible formatting characters (zero-width space, soft hyphen, word joiner, BOM)', () => {
    const key = duplicateKey('Is surgery an option for me?')
    for (const lookalike of [
      'Is\u200B surgery an option for me?',
      'Is sur\u00ADgery an option for me?',
      'Is surgery an option for me?\u2060',
      '\uFEFFIs surgery an option for me?',
    ])
      expect(duplicateKey(lookalike), JSON.stringify(lookalike)).toBe(key)
  })
})

describe('hiddenCharacterRefusal', () => {
  it('names the first control or text-direction character, and lets ordinary text in any script through', () => {
    expect(hiddenCharacterRefusal('Is surgery \u202Eyrgrus an option?')).toContain('(U+202E)')
    expect(hiddenCharacterRefusal('Is surgery\u0007 an option?')).toContain('(U+0007)')
    expect(hiddenCharacterRefusal('Is surgery \u202Dan option?')).toContain('(U+202D)')
    // Hebrew, Persian with a zero-width non-joiner, an emoji sequence with a zero-width joiner, marks of
    // direction, and the isolates and embeddings phones put around a Latin name in right-to-left text.
    for (const text of [
      'האם ניתוח \u202AWhipple\u202C הוא אפשרות?',
      'آیا \u2068FOLFIRINOX\u2069 کمک می\u200Cکند؟',
      'האם ניתוח הוא אפשרות?',
      'آیا جراحی می\u200Cتواند کمک کند؟',
      'Is surgery an option? 👨\u200D⚕️',
      'Is \u200Fsurgery an option?',
    ])
      expect(hiddenCharacterRefusal(text), text).toBeNull()
  })
})

describe('parseQuestionCsv', () => {
  it('maps header names in any spelling and gives the line each row starts on', () => {
    const csv =
      'Origin,QUESTION,cancer_type\n\neditorial,"A question that\nspans two lines?",lung\n\n\nsearch trend,Another question here?,lung\n'
    const { rows, columns } = parseQuestionCsv(csv)
    expect(columns).toEqual(['origin', 'question', 'cancerType'])
    expect(rows.map((row) => [row.line, row.values.question, row.values.origin])).toEqual([
      [3, 'A question that\nspans two lines?', 'editorial'],
      [7, 'Another question here?', 'search trend'],
    ])
  })

  it('counts lines the same with CRLF line endings', () => {
    const csv = 'question,cancer type\r\n"Two\r\nlines?",lung\r\n\r\nThird line question?,lung\r\n'
    expect(parseQuestionCsv(csv).rows.map((row) => row.line)).toEqual([2, 5])
  })

  it('marks rows with more fields than the header, and fills missing trailing fields with empty values', () => {
    const { rows } = parseQuestionCsv('question,cancer type,priority\nA question, with a comma?,lung,high\nJust a question?\n')
    expect(rows[0]).toMatchObject({ misaligned: true, fieldCount: 4 })
    expect(rows[1]).toMatchObject({ misaligned: false, values: { question: 'Just a question?', cancerType: '', priority: '' } })
  })

  it('refuses files it cannot read, naming the line', () => {
    expect(refusal('question,cancer type\nok question here?,lung\n\n"never closed,lung\nmore\n')).toMatch(
      /double quote opened on line 4 is never closed/,
    )
    expect(refusal('question,cancer type\nok question here?,lung\nbad "quote" here,lung\n')).toMatch(
      /line 3 has a double quote in the wrong place/,
    )
    expect(refusal('')).toMatch(/The CSV is empty/)
    expect(refusal('question,cancer type,cancerType\nq,lung,lung\n')).toMatch(/names the column "cancer type" more than once/)
    expect(refusal(`question,cancer type\n${'q,lung\n'.repeat(MAX_IMPORT_ROWS + 1)}`)).toMatch(/2,001 rows/)
  })
})

describe('checkRows', () => {
  const context = {
    cancerTypes: [{ id: 1, name: 'Lung cancer', slug: 'lung' }],
    existingQuestions: [{ id: 7, text: 'What is lung cancer?' }],
  }
  const check = (csv: string) => {
    const { rows, headerFieldCount } = parseQuestionCsv(csv)
    return checkRows(rows, headerFieldCount, context)
  }

  it('takes priority and origin by value or label, with the collection defaults when empty', () => {
    const [first, second] = check(
      'question,cancer type,priority,origin\nHow is lung cancer treated?,Lung Cancer,HIGH,Patient Submission\nHow is lung cancer found?,lung,,\n',
    )
    expect(first).toMatchObject({ cancerTypeId: 1, priority: 'high', origin: 'patient_submission', errors: [] })
    expect(second).toMatchObject({ priority: 'normal', origin: 'editorial', errors: [] })
  })

  it('finds duplicates of existing questions and of earlier rows by normalized text', () => {
    const rows = check(
      'question,cancer type\nwhat is   LUNG cancer,lung\nHow is lung cancer found?,lung\nhow is lung cancer found...,lung\n',
    )
    expect(rows.map((row) => row.errors)).toEqual([
      ['Duplicate of an existing question (#7): "What is lung cancer?".'],
      [],
      ['Duplicate of line 3 in this file.'],
    ])
  })
})
