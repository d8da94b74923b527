/**
 * CSV import of questions: POST /api/questions/import/preview shows every row with what is wrong
 * with it and saves nothing; POST /api/questions/import saves the valid rows and the report in one
 * transaction. Every refusal checks its status, its message and that nothing was saved.
 */
import type { MigrateUpArgs } from '@payloadcms/db-sqlite'
import type { CollectionBeforeChangeHook, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, Question, QuestionImport, User } from '@/payload-types'
import { MAX_TRANSACTION_HOLD_MS } from '@/lib/database/serializeTransactions'
import { duplicateKey } from '@/lib/questionImport/normalize'
import { relationId, type Id } from '@/lib/relationId'
import { QUESTION_IMPORTS, QUESTIONS } from '@collections/slugs'
import { PASSWORD, createQuestion, createUser, unique } from '../helpers/fixtures'
import { isMongo, startPayload, stopPayload } from '../helpers/payload'
import { RestClient, errorMessage, type RestResponse } from '../helpers/rest'

let payload: Payload
let rest: RestClient
let pancreatic: CancerType
let lung: CancerType
let editor: User
let existing: Question
const cookies = {} as Record<'editor' | 'admin' | 'reviewer', string>

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  const cancerType = (name: string, slug: string) =>
    payload.create({ collection: 'cancer-types', data: { name, slug, reviewIntervalMonths: 12 }, overrideAccess: true })
  pancreatic = await cancerType('Pancreatic cancer', 'pancreatic')
  lung = await cancerType('Lung cancer', 'lung')
  existing = await createQuestion(payload, pancreatic.id, {
    text: 'Is surgery an option for metastatic pancreatic cancer?',
    status: 'archived',
  })
  editor = await createUser(payload, { roles: ['editor'] })
  const admin = await createUser(payload, { roles: ['admin'] })
  const reviewer = await createUser(payload, { roles: ['reviewer'], specialties: [pancreatic.id] })
  cookies.editor = await rest.login(editor.email, PASSWORD)
  cookies.admin = await rest.login(admin.email, PASSWORD)
  cookies.reviewer = await rest.login(reviewer.email, PASSWORD)
})
afterAll(async () => stopPayload(payload))

const preview = (json: unknown, cookie: string | undefined = cookies.editor) => rest.post('/questions/import/preview', { cookie, json })
const runImport = (json: unknown, cookie: string | undefined = cookies.editor) => rest.post('/questions/import', { cookie, json })

async function counts() {
  return {
    questions: (await payload.count({ collection: QUESTIONS, overrideAccess: true })).totalDocs,
    imports: (await payload.count({ collection: QUESTION_IMPORTS, overrideAccess: true })).totalDocs,
  }
}

/** Runs a request and checks: expected status, a message matching `message`, nothing saved. */
async function expectRefused(run: () => Promise<RestResponse>, status: number, message: RegExp) {
  const before = await counts()
  const response = await run()
  expect(response.status, response.text).toBe(status)
  expect(errorMessage(response), response.text).toMatch(message)
  expect(await counts()).toEqual(before)
  return response
}

const LONG_QUESTION = `What should I know about ${'treatment options and their side effects '.repeat(14)}?`

/** One row per kind of problem, each on a known line (a quoted question spans lines 13-14). */
const MIXED_CSV = [
  'question,Cancer Type,priority,origin', // 1
  'What does stage 4 lung cancer mean for treatment?,Lung cancer,,', // 2: valid, defaults
  'is surgery an option for   metastatic pancreatic cancer,pancreatic,high,Patient submission', // 3: duplicate of an existing question
  'Short?,pancreatic,,', // 4
  `"${LONG_QUESTION}",pancreatic,,`, // 5
  'What is the outlook for bladder cancer after surgery?,bladder,,', // 6: unknown cancer type
  '', // 7: blank lines are skipped
  'What does stage 4 lung cancer mean for treatment!!,lung,,', // 8: duplicate of line 2
  'What side effects can radiotherapy for lung cancer cause?,LUNG,sometimes,blog', // 9: bad priority and origin
  ',pancreatic,,', // 10: no question
  'Can diet help, or is it a myth, for pancreatic cancer?,pancreatic,,', // 11: unquoted commas
  'How is pancreatic cancer usually found?,,,', // 12: no cancer type
  '"Which scans are used to check whether pancreatic', // 13
  'cancer has spread?",Pancreatic-Cancer,Urgent,search trend', // 14: neither the slug nor the name
  'Which scans are used after surgery for lung cancer?,lung,URGENT,search_trend', // 15: valid
].join('\n')

describe('preview', () => {
  it('shows each kind of error on its line, and saves nothing', async () => {
    const before = await counts()
    const response = await preview({ fileName: 'mixed.csv', csv: MIXED_CSV })
    expect(response.status, response.text).toBe(200)
    expect(await counts()).toEqual(before)

    const byLine = new Map<number, { question: string; cancerType: string; priority: string; origin: string; errors: string[] }>(
      response.body.rows.map((row: { line: number }) => [row.line, row]),
    )
    expect([...byLine.keys()]).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15])
    expect(byLine.get(2)).toMatchObject({ cancerType: 'Lung cancer', priority: 'normal', origin: 'editorial', errors: [] })
    expect(byLine.get(3)!.errors).toEqual([`Duplicate of an existing question (#${existing.id}): "${existing.text}".`])
    expect(byLine.get(3)).toMatchObject({ priority: 'high', origin: 'patient_submission' })
    expect(byLine.get(4)!.errors).toEqual(['The question is too short: at least 10 characters (it has 6).'])
    expect(byLine.get(5)!.errors).toEqual([expect.stringMatching(/too long: at most 500 characters \(it has \d+\)/)])
    expect(byLine.get(6)!.errors).toEqual(['Unknown cancer type "bladder". Use the name or slug of an existing cancer type.'])
    expect(byLine.get(6)!.cancerType).toBe('bladder')
    expect(byLine.get(8)!.errors).toEqual(['Duplicate of line 2 in this file.'])
    expect(byLine.get(9)!.errors).toEqual([
      'Unknown priority "sometimes". Use low, normal, high or urgent (empty means normal).',
      'Unknown origin "blog". Use patient submission, search trend or editorial (empty means editorial).',
    ])
    expect(byLine.get(10)!.errors).toEqual(['The question is missing.'])
    expect(byLine.get(11)!.errors).toEqual([
      expect.stringMatching(/has 6 fields but the header names 4\. A question that contains a comma must be wrapped in double quotes/),
    ])
    expect(byLine.get(12)!.errors).toEqual(['The cancer type is missing.'])
    expect(byLine.get(13)).toMatchObject({
      question: 'Which scans are used to check whether pancreatic cancer has spread?',
      errors: ['Unknown cancer type "Pancreatic-Cancer". Use the name or slug of an existing cancer type.'],
    })
    expect(byLine.get(15)).toMatchObject({ cancerType: 'Lung cancer', priority: 'urgent', origin: 'search_trend', errors: [] })
    expect(response.body).toMatchObject({ valid: 2, invalid: 10 })
  })

  it('reports the same lines for a file with Windows line endings and a byte-order mark', async () => {
    const lf = await preview({ fileName: 'mixed.csv', csv: MIXED_CSV })
    const crlf = await preview({ fileName: 'mixed.csv', csv: `\uFEFF${MIXED_CSV.replace(/\n/g, '\r\n')}` })
    expect(crlf.status, crlf.text).toBe(200)
    expect(crlf.body).toEqual(lf.body)
  })

  it('accepts cancer_type / cancerType headers and cancer types by slug or name in any case', async () => {
    const csv =
      'Question,cancer_type\nWhat is a Whipple procedure for pancreatic cancer?,PANCREATIC\nHow is lung cancer staged by doctors?,lung cancer\n'
    const response = await preview({ fileName: 'a.csv', csv })
    expect(response.status, response.text).toBe(200)
    expect(response.body.rows.map((row: { cancerType: string }) => row.cancerType)).toEqual(['Pancreatic cancer', 'Lung cancer'])
    expect(response.body).toMatchObject({ valid: 2, invalid: 0 })
    const camel = await preview({ csv: csv.replace('cancer_type', 'cancerType') })
    expect(camel.body).toMatchObject({ valid: 2, invalid: 0 })
  })
})

describe('import', () => {
  it('saves exactly the valid rows and keeps the report', async () => {
    const before = await counts()
    const response = await runImport({ fileName: 'mixed.csv', csv: MIXED_CSV })
    expect(response.status, response.text).toBe(201)
    expect(response.body).toMatchObject({ imported: 2, rejected: 10 })
    expect(await counts()).toEqual({ questions: before.questions + 2, imports: before.imports + 1 })

    const imported = response.body.rows.filter((row: { status: string }) => row.status === 'imported')
    expect(imported.map((row: { line: number }) => row.line)).toEqual([2, 15])
    const saved = await payload.find({
      collection: QUESTIONS,
      where: { id: { in: imported.map((row: { questionId: Id }) => row.questionId) } },
      sort: 'id',
      depth: 0,
    })
    expect(
      saved.docs.map((question) => [question.text, relationId(question.cancerType), question.priority, question.origin, question.status]),
    ).toEqual([
      ['What does stage 4 lung cancer mean for treatment?', lung.id, 'normal', 'editorial', 'new'],
      ['Which scans are used after surgery for lung cancer?', lung.id, 'urgent', 'search_trend', 'new'],
    ])

    const report = (await payload.findByID({ collection: QUESTION_IMPORTS, id: response.body.importId, depth: 0 })) as QuestionImport
    expect(report).toMatchObject({ fileName: 'mixed.csv', importedBy: editor.id, totalRows: 12, importedCount: 2, rejectedCount: 10 })
    expect(report.rows).toEqual(response.body.rows)
    expect(report.rows.find((row) => row.line === 6)).toEqual({
      line: 6,
      question: 'What is the outlook for bladder cancer after surgery?',
      status: 'rejected',
      errors: ['Unknown cancer type "bladder". Use the name or slug of an existing cancer type.'],
      questionId: null,
    })

    // Editors and admins read reports; reviewers do not.
    expect((await rest.get(`/question-imports/${report.id}`, { cookie: cookies.editor })).status).toBe(200)
    expect((await rest.get(`/question-imports/${report.id}`, { cookie: cookies.reviewer })).status).toBe(403)

    // The same file again: every row is now a duplicate, so nothing can be imported.
    const again = await expectRefused(
      () => runImport({ fileName: 'mixed.csv', csv: MIXED_CSV }),
      400,
      /None of the 12 rows can be imported; nothing was saved/,
    )
    expect(again.status).toBe(400)
  })

  it('a question in a script without ASCII letters imports (its slug is made from a hash); punctuation alone is refused in the preview, by line', async () => {
    const chinese = '胰腺癌转移后还能做手术吗？我想知道'
    const csv = `question,cancer type\n"${chinese}",${pancreatic.name}\n"???????????????",${pancreatic.name}\n"Is surgery an option for metastatic disease in the pancreas?",${pancreatic.name}\n`
    const shown = await preview({ csv })
    expect(shown.status, shown.text).toBe(200)
    expect(shown.body.rows.map((row: { line: number; errors: string[] }) => [row.line, row.errors])).toEqual([
      [2, []],
      [3, ['The question has no words, only punctuation or symbols: write the question itself.']],
      [4, []],
    ])
    const response = await runImport({ fileName: 'scripts.csv', csv })
    expect(response.status, response.text).toBe(201)
    expect(response.body).toMatchObject({ imported: 2, rejected: 1 })
    const saved = await payload.findByID({ collection: QUESTIONS, id: response.body.rows[0].questionId, depth: 0 })
    expect(saved.text).toBe(chinese)
    expect(saved.slug).toMatch(/^question-[0-9a-f]{10}$/)
    // Over REST too, with the same rule and message as the preview.
    const refused = await rest.post('/questions', { cookie: cookies.editor, json: { text: '?!?!?!?!?!?!', cancerType: pancreatic.id } })
    expect(refused.status, refused.text).toBe(400)
    expect(refused.text).toContain('The question has no words, only punctuation or symbols')
  })

  it("the largest file allowed (2,000 rows) imports in one transaction, well within the write queue's hold limit", async () => {
    const rows = Array.from({ length: 2000 }, (_, index) => `Which treatment option number ${index} suits early lung cancer?,lung`)
    const before = await counts()
    const started = Date.now()
    const response = await runImport({ fileName: 'large.csv', csv: `question,cancer type\n${rows.join('\n')}` })
    expect(response.status, response.text).toBe(201)
    expect(response.body).toMatchObject({ imported: 2000, rejected: 0 })
    expect(Date.now() - started).toBeLessThan(MAX_TRANSACTION_HOLD_MS)
    expect(await counts()).toEqual({ questions: before.questions + 2000, imports: before.imports + 1 })
  })

  it('names the pasted text when no file name is sent', async () => {
    const response = await runImport({ csv: 'question,cancer type\nCan exercise help during lung cancer treatment?,lung\n' }, cookies.admin)
    expect(response.status, response.text).toBe(201)
    const report = await payload.findByID({ collection: QUESTION_IMPORTS, id: response.body.importId, depth: 0 })
    expect(report.fileName).toBe('pasted.csv')
  })
})

describe('one transaction', () => {
  const csv = [
    'question,cancer type',
    'What is the first treatment for lung cancer that has spread?,lung',
    'Is immunotherapy used for small cell lung cancer?,lung',
    'Can lung cancer come back after surgery?,lung',
  ].join('\n')

  async function withFailingHook(collection: 'questions' | 'question-imports', failOnCall: number, run: () => Promise<void>) {
    const hooks = payload.collections[collection].config.hooks.beforeChange
    let calls = 0
    const failing: CollectionBeforeChangeHook = ({ data }) => {
      calls += 1
      if (calls === failOnCall) throw new Error(`injected failure on write ${calls} to ${collection}`)
      return data
    }
    hooks.push(failing)
    try {
      await run()
    } finally {
      hooks.splice(hooks.indexOf(failing), 1)
    }
  }

  it('a failure on the second question rolls back the first question and the report', async () => {
    await withFailingHook('questions', 2, async () => {
      const before = await counts()
      const response = await runImport({ fileName: 'fault.csv', csv })
      expect(response.status, response.text).toBe(500)
      expect(await counts()).toEqual(before)
    })
  })

  it('a failure writing the report rolls back every question', async () => {
    await withFailingHook('question-imports', 1, async () => {
      const before = await counts()
      const response = await runImport({ fileName: 'fault.csv', csv })
      expect(response.status, response.text).toBe(500)
      expect(await counts()).toEqual(before)
    })
    // With the fault gone, the same file imports in full.
    const retry = await runImport({ fileName: 'fault.csv', csv })
    expect(retry.status, retry.text).toBe(201)
    expect(retry.body).toMatchObject({ imported: 3, rejected: 0 })
  })
})

describe('bad requests: 400 with a message, nothing saved', () => {
  const header = 'question,cancer type\n'
  const both = (name: string, json: unknown, message: RegExp) => {
    it(`${name} (preview)`, () =>
      expectRefused(() => rest.post('/questions/import/preview', { cookie: cookies.editor, json }), 400, message))
    it(`${name} (import)`, () => expectRefused(() => runImport(json), 400, message))
  }

  it('no JSON body', () =>
    expectRefused(() => rest.post('/questions/import', { cookie: cookies.editor }), 400, /Expected a JSON body \{ "fileName"/))
  it('a body that is not JSON', () =>
    expectRefused(() => rest.post('/questions/import', { cookie: cookies.editor, rawBody: 'question,cancer type' }), 400, /Invalid JSON/))
  both('missing csv', { fileName: 'x.csv' }, /csv is missing: send the text of the CSV file/)
  both('csv of the wrong type', { fileName: 'x.csv', csv: 42 }, /csv must be the text of the CSV file \(a string\)/)
  both(
    'fileName of the wrong type',
    { fileName: ['x.csv'], csv: `${header}What is a biopsy for lung cancer?,lung` },
    /fileName must be text/,
  )
  both('an empty csv', { csv: '  \n ' }, /csv is empty/)
  both(
    'a csv over 1 MB',
    { csv: `${header}${'What are the side effects of chemotherapy?,lung\n'.repeat(22_000)}` },
    /The CSV is too large \(1,0\d\d KB\): at most 1 MB/,
  )
  both(
    'more than 2,000 rows',
    { csv: `${header}${Array.from({ length: 2001 }, (_, index) => `Question number ${index} about lung cancer?,lung`).join('\n')}` },
    /The CSV has 2,001 rows: at most 2,000 can be imported at once/,
  )
  both(
    'an unclosed quote',
    { csv: `${header}What is a stent for pancreatic cancer?,pancreatic\n"What is a port for chemotherapy?,lung\n` },
    /the double quote opened on line 3 is never closed/,
  )
  both(
    'a stray quote',
    { csv: `${header}What is a "stent" for pancreatic cancer?,pancreatic\n` },
    /line 2 has a double quote in the wrong place/,
  )
  both(
    'no header line',
    { csv: 'What is a stent for pancreatic cancer?,pancreatic\n' },
    /The first line must be a header naming the columns: question, cancer type/,
  )
  both(
    'an unknown column',
    { csv: 'question,cancer type,notes\nWhat is a stent for pancreatic cancer?,pancreatic,x\n' },
    /Unknown column "notes" in the header/,
  )
  both(
    'a column named after a member of every JavaScript object',
    { csv: 'question,cancer type,constructor\nWhat is a stent for pancreatic cancer?,pancreatic,x\n' },
    /Unknown column "constructor" in the header/,
  )
  both(
    'no cancer type column',
    { csv: 'question,priority\nWhat is a stent for pancreatic cancer?,high\n' },
    /The header has no "cancer type" column/,
  )
  both('a header and no rows', { csv: header }, /header line but no questions under it/)
  it('zero valid rows (import)', () =>
    expectRefused(
      () => runImport({ csv: `${header}Short?,lung\nWhat is a stent for pancreatic cancer?,kidney\n` }),
      400,
      /None of the 2 rows can be imported; nothing was saved/,
    ))
})

describe('who may import', () => {
  const csv = 'question,cancer type\nWhat does a pathology report on lung cancer say?,lung\n'
  for (const path of ['/questions/import/preview', '/questions/import']) {
    it(`${path}: anonymous 401`, () => expectRefused(() => rest.post(path, { json: { csv } }), 401, /Sign in as an editor or admin/))
    it(`${path}: reviewer 403`, () =>
      expectRefused(
        () => rest.post(path, { cookie: cookies.reviewer, json: { csv } }),
        403,
        /Only editors and admins can import questions/,
      ))
  }
  it('admins can preview', async () => {
    const response = await preview({ csv }, cookies.admin)
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({ valid: 1, invalid: 0 })
  })
  it('nobody writes reports over REST, admins included', async () => {
    const { docs } = await payload.find({ collection: QUESTION_IMPORTS, limit: 1, depth: 0 })
    const report = docs[0]!
    for (const cookie of [cookies.editor, cookies.admin]) {
      await expectRefused(
        () =>
          rest.post('/question-imports', {
            cookie,
            json: { fileName: 'forged.csv', totalRows: 0, importedCount: 0, rejectedCount: 0, rows: [] },
          }),
        403,
        /not allowed/,
      )
      await expectRefused(() => rest.patch(`/question-imports/${report.id}`, { cookie, json: { importedCount: 99 } }), 403, /not allowed/)
      await expectRefused(() => rest.delete(`/question-imports/${report.id}`, { cookie }), 403, /not allowed/)
    }
  })
})

describe('duplicates by an indexed key, not by reading the backlog', () => {
  /** The question rows the adapter returned while `work` ran (each `find` of the questions collection). */
  async function questionRowsRead(work: () => Promise<unknown>): Promise<number> {
    const db = payload.db as unknown as { find: (args: { collection: string }) => Promise<{ docs: unknown[] }> }
    const find = db.find
    let rows = 0
    db.find = async (args) => {
      const result = await find.call(payload.db, args)
      if (args.collection === QUESTIONS) rows += result.docs.length
      return result
    }
    try {
      await work()
    } finally {
      db.find = find
    }
    return rows
  }

  it('a preview reads only the questions that share a row’s key, whatever the size of the backlog', async () => {
    for (let i = 0; i < 30; i++)
      await createQuestion(payload, lung.id, { text: `Unrelated backlog question number ${i} about lung scans?` })
    const csv = [
      'question,cancer type',
      'IS SURGERY an option for metastatic   pancreatic cancer?!,pancreatic',
      'A question nobody has asked before about lung biopsies?,lung',
    ].join('\n')
    let response: RestResponse | undefined
    const rows = await questionRowsRead(async () => (response = await preview({ csv })))
    expect(response!.status, response!.text).toBe(200)
    expect(response!.body.rows[0].errors).toEqual([`Duplicate of an existing question (#${existing.id}): "${existing.text}".`])
    expect(response!.body.rows[1].errors).toEqual([])
    expect(rows).toBe(1)
  })

  it('the key follows an edited question, and a caller cannot set it', async () => {
    const question = await createQuestion(payload, lung.id, { text: 'How long does recovery from lung surgery take?' })
    const forged = await rest.post('/questions', {
      cookie: cookies.editor,
      json: { text: 'Can exercise help during lung cancer treatment?', cancerType: lung.id, duplicateKey: 'forged' },
    })
    expect(forged.status, forged.text).toBe(201)
    expect(forged.body.doc.duplicateKey).toBe('can exercise help during lung cancer treatment')

    await payload.update({
      collection: QUESTIONS,
      id: question.id,
      data: { text: 'How long does recovery from a lobectomy take?' },
      overrideAccess: true,
    })
    const csv =
      'question,cancer type\nhow long does recovery from lung surgery take,lung\nHow long does recovery from a LOBECTOMY take?,lung\n'
    const response = await preview({ csv })
    expect(response.body.rows.map((row: { errors: string[] }) => row.errors.length)).toEqual([0, 1])
    expect(response.body.rows[1].errors[0]).toContain(`#${question.id}`)
  })

  it('questions saved before the key existed get it: at start on MongoDB, without moving updatedAt', async () => {
    const { fillDuplicateKeys } = await import('@/lib/questionImport/fillDuplicateKeys')
    const question = await createQuestion(payload, pancreatic.id, { text: 'What is a stent for pancreatic cancer?' })
    await payload.db.updateOne({ collection: QUESTIONS, id: question.id, data: { duplicateKey: null, updatedAt: null }, returning: false })
    expect((await preview({ csv: 'question,cancer type\nWhat is a stent for pancreatic cancer,pancreatic\n' })).body.valid).toBe(1)

    expect(await fillDuplicateKeys(payload)).toBe(1)
    const after = await payload.findByID({ collection: QUESTIONS, id: question.id, depth: 0, overrideAccess: true })
    expect(after).toMatchObject({ duplicateKey: 'what is a stent for pancreatic cancer', updatedAt: question.updatedAt })
    expect((await preview({ csv: 'question,cancer type\nWhat is a stent for pancreatic cancer,pancreatic\n' })).body.valid).toBe(0)
    expect(await fillDuplicateKeys(payload)).toBe(0)
  })

  it('a key stored by the earlier rule (invisible characters kept) is made again, so the same question sent again is a duplicate', async () => {
    const { fillDuplicateKeys } = await import('@/lib/questionImport/fillDuplicateKeys')
    // Persian spells with the zero-width non-joiner; the key made before kept it.
    const text = `آیا جراحی برای سرطان پانکراس می\u200Cتواند کمک کند ${unique('q')}؟`
    const question = await createQuestion(payload, pancreatic.id, { text })
    const oldKey = text.toLowerCase().replace(/[\p{P}\s]+$/u, '')
    await payload.db.updateOne({
      collection: QUESTIONS,
      id: question.id,
      data: { duplicateKey: oldKey, updatedAt: null },
      returning: false,
    })
    const csv = `question,cancer type\n${text},pancreatic\n`
    expect((await preview({ csv })).body.valid).toBe(1)
    expect(await fillDuplicateKeys(payload)).toBe(1)
    expect((await preview({ csv })).body.valid).toBe(0)
  })

  it.skipIf(isMongo())('the SQLite migration makes every stored key again with the current rule', async () => {
    const migration = await import('@migrations/sqlite/20261202_123000_duplicate_key_invisible')
    const question = await createQuestion(payload, pancreatic.id, { text: `Is sur\u00ADgery an option for me ${unique('q')}?` })
    await payload.db.updateOne({
      collection: QUESTIONS,
      id: question.id,
      data: { duplicateKey: 'stale', updatedAt: null },
      returning: false,
    })
    const db = (payload.db as unknown as { drizzle: MigrateUpArgs['db'] }).drizzle
    await migration.up({ db, payload, req: {} } as unknown as MigrateUpArgs)
    const { docs } = await payload.find({ collection: QUESTIONS, pagination: false, depth: 0, overrideAccess: true })
    for (const doc of docs) expect(doc.duplicateKey).toBe(duplicateKey(doc.text))
  })

  it.skipIf(isMongo())("the twenty-third session's migration makes again a key that kept a variation selector", async () => {
    const migration = await import('@migrations/sqlite/20261202_170000_duplicate_key_ignorable')
    const text = `Is surgery\uFE0F an option for me ${unique('q')}?`
    const question = await createQuestion(payload, pancreatic.id, { text })
    // As the format-character rule made it: the variation selector kept.
    await payload.db.updateOne({
      collection: QUESTIONS,
      id: question.id,
      data: { duplicateKey: text.toLowerCase().replace(/[\p{P}\s]+$/u, ''), updatedAt: null },
      returning: false,
    })
    const db = (payload.db as unknown as { drizzle: MigrateUpArgs['db'] }).drizzle
    await migration.up({ db, payload, req: {} } as unknown as MigrateUpArgs)
    const stored = await payload.findByID({ collection: QUESTIONS, id: question.id, depth: 0, overrideAccess: true })
    expect(stored.duplicateKey).toBe(duplicateKey(text))
    expect(stored.duplicateKey).not.toContain('\uFE0F')
  })

  it.skipIf(isMongo())('the SQLite migration fills in the key of every question already saved', async () => {
    const migration = await import('@migrations/sqlite/20261201_170706_question_duplicate_key')
    const db = (payload.db as unknown as { drizzle: MigrateUpArgs['db'] }).drizzle
    const args = { db, payload, req: {} } as unknown as MigrateUpArgs
    await migration.down(args)
    await migration.up(args)
    const { docs } = await payload.find({ collection: QUESTIONS, pagination: false, depth: 0, overrideAccess: true })
    expect(docs.length).toBeGreaterThan(30)
    for (const question of docs) expect(question.duplicateKey).toBe(duplicateKey(question.text))
  })
})
