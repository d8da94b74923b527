import { CsvError, parse } from 'csv-parse/sync'

import { BadRequest } from '@/lib/errors'

export const MAX_IMPORT_BYTES = 1024 * 1024
export const MAX_IMPORT_ROWS = 2000

export type ImportColumn = 'question' | 'cancerType' | 'priority' | 'origin'

/** One data row as written in the file, before any checking. `line` is where the row starts. */
export type CsvRow = {
  line: number
  values: Record<ImportColumn, string>
  /**
   * More fields than the header, or a value under a header cell left empty: almost always an
   * unquoted comma in the question, which shifts every later value into the wrong column.
   */
  misaligned: boolean
  fieldCount: number
}

export type ParsedCsv = { columns: ImportColumn[]; headerFieldCount: number; rows: CsvRow[] }

const REQUIRED_COLUMNS: ImportColumn[] = ['question', 'cancerType']
// A Map, not an object: a header such as "constructor" must not find Object.prototype's members.
const COLUMN_NAMES = new Map<string, ImportColumn>([
  ['question', 'question'],
  ['cancertype', 'cancerType'],
  ['priority', 'priority'],
  ['origin', 'origin'],
])
const COLUMN_LABELS: Record<ImportColumn, string> = {
  question: 'question',
  cancerType: 'cancer type',
  priority: 'priority',
  origin: 'origin',
}

/** "Cancer type", "cancer_type", "cancerType" and "CANCER-TYPE" all name the same column. */
const columnKey = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '')

/** Checks the size limit on what the person sent, before any parsing work. */
export function assertImportSize(csv: string): void {
  const bytes = Buffer.byteLength(csv, 'utf8')
  if (bytes > MAX_IMPORT_BYTES) {
    const kb = Math.ceil(bytes / 1024).toLocaleString('en-US')
    throw new BadRequest(`The CSV is too large (${kb} KB): at most 1 MB (1,024 KB) can be imported at once. Split it into smaller files.`)
  }
}

/**
 * Reads the CSV text into rows keyed by column. The file's shape is checked here (a 400 for the
 * whole file: malformed quoting, no header, unknown or missing columns, too many rows); what is
 * wrong with a single row is left to the row checks, so the preview can show it on its line.
 */
export function parseQuestionCsv(csv: string): ParsedCsv {
  assertImportSize(csv)
  // csv-parse miscounts lines when records end in CRLF (Excel's default); one line ending fixes that.
  const text = csv.replace(/\r\n?/g, '\n')
  let lastRecordEndLine = 0
  let records: { record: string[]; info: { lines: number }; raw: string }[]
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      trim: true,
      skip_empty_lines: true,
      // Rows with too few or too many fields become row errors with a line number, not a 400.
      relax_column_count: true,
      record_delimiter: '\n',
      on_record: (record, context) => {
        lastRecordEndLine = context.lines
        return record
      },
    }) as unknown as typeof records
  } catch (error) {
    if (error instanceof CsvError) throw new BadRequest(malformedMessage(error, text, lastRecordEndLine))
    throw error
  }

  const [header, ...body] = records
  if (!header)
    throw new BadRequest(
      'The CSV is empty. The first line must name the columns: question, cancer type, and optionally priority and origin.',
    )
  const columns = readHeader(header.record)
  if (body.length === 0) throw new BadRequest('The CSV has a header line but no questions under it.')
  if (body.length > MAX_IMPORT_ROWS) {
    throw new BadRequest(
      `The CSV has ${body.length.toLocaleString('en-US')} rows: at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} can be imported at once. Split it into smaller files.`,
    )
  }

  const rows = body.map<CsvRow>(({ record, info, raw }) => {
    const values: Record<ImportColumn, string> = { question: '', cancerType: '', priority: '', origin: '' }
    let misaligned = record.length > header.record.length
    record.forEach((value, index) => {
      const column = columns[index]
      if (column) values[column] = value
      else if (value !== '') misaligned = true
    })
    return { line: startLine(info.lines, raw), values, misaligned, fieldCount: record.length }
  })
  return { columns: columns.filter((column): column is ImportColumn => column !== null), headerFieldCount: header.record.length, rows }
}

/** Header cells in order; an empty header cell (a trailing comma) names no column. */
function readHeader(cells: string[]): (ImportColumn | null)[] {
  // null: no name (ignored); undefined: a name that is not one of ours (refused).
  const columns: (ImportColumn | null | undefined)[] = cells.map((cell) => (cell === '' ? null : COLUMN_NAMES.get(columnKey(cell))))
  const unknown = cells.filter((cell, index) => columns[index] === undefined)
  const found = columns.filter((column): column is ImportColumn => Boolean(column))
  const expected = 'question, cancer type, and optionally priority and origin'
  if (!found.includes('question') && unknown.length === cells.filter(Boolean).length) {
    throw new BadRequest(`The first line must be a header naming the columns: ${expected}. It reads: "${cells.join(',').slice(0, 120)}".`)
  }
  if (unknown.length > 0) {
    throw new BadRequest(
      `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((cell) => `"${cell}"`).join(', ')} in the header. The columns are: ${expected}.`,
    )
  }
  const repeated = found.filter((column, index) => found.indexOf(column) !== index)
  if (repeated.length > 0) throw new BadRequest(`The header names the column "${COLUMN_LABELS[repeated[0]!]}" more than once.`)
  const missing = REQUIRED_COLUMNS.filter((column) => !found.includes(column))
  if (missing.length > 0)
    throw new BadRequest(
      `The header has no "${missing.map((column) => COLUMN_LABELS[column]).join('" or "')}" column. The columns are: ${expected}.`,
    )
  return columns as (ImportColumn | null)[]
}

/**
 * `lines` is where the record ends; a quoted question may span lines, and the raw text carries the
 * blank lines skipped before it. The person looks for the line where the row begins.
 */
function startLine(endLine: number, raw: string): number {
  const content = raw.replace(/\n$/, '').replace(/^(?:[ \t]*\n)+/, '')
  return endLine - (content.match(/\n/g)?.length ?? 0)
}

/** csv-parse's messages are written for programmers; these say what to fix and where. */
function malformedMessage(error: CsvError, text: string, lastRecordEndLine: number): string {
  const line = (error as CsvError & { lines?: number }).lines
  const prefix = 'The CSV could not be read'
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      // The parser reports the end of the file; the unclosed quote opened on the row after the last good one.
      const lines = text.split('\n')
      let opened = lastRecordEndLine + 1
      while (opened <= lines.length && lines[opened - 1]!.trim() === '') opened += 1
      return `${prefix}: the double quote opened on line ${opened} is never closed. Close it, or remove it if the field is not meant to be quoted.`
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return `${prefix}: line ${line} has a double quote in the wrong place. A field that contains quotes or commas must be wrapped in double quotes, with each quote inside it doubled ("").`
    default:
      return `${prefix}: line ${line}: ${error.message}`
  }
}
