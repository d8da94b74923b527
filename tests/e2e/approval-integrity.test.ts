/**
 * Issue 10, items 2-4, against the production server (`npm start`) over HTTP: the statuses and the
 * messages an editor or a reviewer gets when an approval would not cover what patients read, when
 * they helped write the version, or when a draft could not be published.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import type { Json } from '../helpers/json'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-integrity-'))
let server: ServerHandle | undefined
let base = ''
let admin = '',
  editor = '',
  okafor = ''
let pancreatic: { id: number }
let source: { id: number; passages: { passageId: string }[] }

type Reply = { status: number; body: Json }
async function api(method: string, url: string, cookie: string, json?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { cookie, origin: base }
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}/api${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}
const message = (reply: Reply) => reply.body?.errors?.[0]?.data?.errors?.[0]?.message ?? reply.body?.errors?.[0]?.message

const paragraph = (text: string) => ({
  type: 'paragraph',
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  textFormat: 0,
  textStyle: '',
  children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
})

let counter = 0
/** A complete draft answer to a new pancreatic cancer question, made by the editor over REST. */
async function draftAnswer(): Promise<{ id: number; question: number }> {
  counter += 1
  const question = await api('POST', '/questions', editor, {
    text: `Is surgery an option ${counter} when pancreatic cancer has spread?`,
    cancerType: pancreatic.id,
    priority: 'normal',
    origin: 'editorial',
  })
  expect(question.status, JSON.stringify(question.body)).toBe(201)
  const answer = await api('POST', '/answers?draft=true', editor, {
    question: question.body.doc.id,
    cancerType: pancreatic.id,
    title: `Can surgery help once pancreatic cancer has spread (${counter})?`,
    summary: 'Usually not: treatment that works through the whole body comes first.',
    body: {
      root: {
        type: 'root',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        children: [paragraph('The cancer has spread beyond the pancreas.')],
      },
    },
    questionsToAsk: [{ question: 'What is the goal of my treatment?', why: 'It frames the choices.' }],
    keyTakeaway: 'Ask your team what fits you.',
    citations: [{ source: source.id, passageId: source.passages[0]!.passageId, quote: '' }],
  })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return { id: answer.body.doc.id, question: question.body.doc.id }
}

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir)
  ;[admin, editor, okafor] = await Promise.all(
    ['admin@example.org', 'editor@example.org', 'okafor@example.org'].map((email) => sessionCookie(base, email)),
  )
  pancreatic = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic&depth=0', editor)).body.docs[0]
  source = (
    await api('GET', `/guideline-sources?where[cancerTypes][in]=${pancreatic.id}&where[status][equals]=current&depth=0&limit=1`, editor)
  ).body.docs[0]
  expect(source?.passages?.length).toBeGreaterThan(0)
}, 10 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('approval integrity on the production server', () => {
  it('wrong types and over-limit drafts are 400s with the field named (not 500, not saved)', async () => {
    const answer = await draftAnswer()
    const wrongType = await api('PATCH', `/answers/${answer.id}?draft=true`, editor, { summary: 123 })
    expect(wrongType.status).toBe(400)
    expect(message(wrongType)).toBe('summary must be text, not a number.')
    const tooLong = await api('PATCH', `/answers/${answer.id}?draft=true`, editor, { summary: 'A very long summary. '.repeat(40) })
    expect(tooLong.status).toBe(400)
    expect(message(tooLong)).toMatch(/max length of 800/)
    const rows = await api('PATCH', `/answers/${answer.id}?draft=true`, editor, {
      questionsToAsk: Array.from({ length: 11 }, (_, index) => ({
        question: `What is question ${index + 1}?`,
        why: 'It frames the choices.',
      })),
    })
    expect(rows.status).toBe(400)
    expect(message(rows)).toMatch(/no more than 10/)
    const saved = await api('GET', `/answers/${answer.id}?draft=true&depth=0`, editor)
    expect(saved.body.summary).toBe('Usually not: treatment that works through the whole body comes first.')
  })

  it('a question edited after the reviewer opened the answer: the approval is a 409 that says why, nothing goes live', async () => {
    const answer = await draftAnswer()
    const submitted = await api('POST', `/answers/${answer.id}/submit`, editor)
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(submitted.body.stage).toBe('in_review')
    // What the reviewer opened (the review screen sends the same hash with the decision).
    const opened = await api('GET', `/answers/${answer.id}?draft=true&depth=0`, okafor)
    expect(opened.body.contentHash).toMatch(/^[0-9a-f]{64}$/)

    // Issue 12: the wording is locked while the answer is in review; withdrawn, edited, submitted again.
    const text = 'Is this chemotherapy given in hospital or at home?'
    const locked = await api('PATCH', `/questions/${answer.question}`, editor, { text })
    expect(locked.status).toBe(409)
    expect(message(locked)).toMatch(/^The answer to this question is in review by Dr Maya Okafor \(since \d{1,2} \w{3} \d{4}\)/)
    expect((await api('POST', `/answers/${answer.id}/withdraw-review`, editor, {})).status).toBe(200)
    expect((await api('PATCH', `/questions/${answer.question}`, editor, { text })).status).toBe(200)
    expect((await api('POST', `/answers/${answer.id}/submit`, editor)).status).toBe(200)
    const refused = await api('POST', `/answers/${answer.id}/decision`, okafor, {
      decision: 'approve',
      attestation: true,
      contentHash: opened.body.contentHash,
    })
    expect(refused.status).toBe(409)
    expect(message(refused)).toMatch(/^The answer changed after you opened it \(.*the patient question shown with it.*\)\. Reload it/)
    expect((await api('GET', `/answers/${answer.id}?depth=0`, editor)).body._status).toBe('draft')
    // An approval that names no content is refused rather than bound to whatever is current.
    const unnamed = await api('POST', `/answers/${answer.id}/decision`, okafor, { decision: 'approve', attestation: true })
    expect(unnamed.status).toBe(400)
    expect(message(unnamed)).toMatch(
      /^To approve, send the contentHash of the content you reviewed, so that the approval counts for that content only/,
    )
    expect((await api('GET', `/answers/${answer.id}?depth=0`, editor)).body._status).toBe('draft')
  })

  it('an answer in review is locked: a content edit is a 409 naming the reviewer; withdraw-review answers 200/400/403/404/409', async () => {
    const answer = await draftAnswer()
    expect((await api('POST', `/answers/${answer.id}/submit`, editor)).status).toBe(200)
    const locked = await api('PATCH', `/answers/${answer.id}?draft=true`, editor, { summary: 'Edited under the reviewer.' })
    expect(locked.status).toBe(409)
    expect(message(locked)).toMatch(
      /^This answer is in review by Dr Maya Okafor \(since \d{1,2} [A-Z][a-z]{2} \d{4}\)\. Withdraw it from review to edit it; the reviewer is told\.$/,
    )
    // Outsiders get the access refusal, without the reviewer's name.
    const outsider = await api('PATCH', `/answers/${answer.id}?draft=true`, okafor, { summary: 'Edited by the reviewer.' })
    expect(outsider.status).toBe(403)
    expect(JSON.stringify(outsider.body)).not.toContain('Okafor')
    // Nor can it be deleted (by an admin either), or the passage it cites be rewritten, while it is held.
    const deleted = await api('DELETE', `/answers/${answer.id}`, admin)
    expect(deleted.status).toBe(409)
    expect(message(deleted)).toContain('Withdraw it from review before deleting it')
    const passages = (await api('GET', `/guideline-sources/${source.id}?depth=0`, editor)).body.passages as {
      passageId: string
      text: string
    }[]
    const rewritten = await api('PATCH', `/guideline-sources/${source.id}`, editor, {
      passages: passages.map((passage, index) => (index === 0 ? { ...passage, text: `${passage.text} Rewritten.` } : passage)),
    })
    expect(rewritten.status).toBe(409)
    expect(message(rewritten)).toContain('Withdraw that answer from review before rewriting the passage')

    const withdraw = (id: number | string, cookie: string, json: unknown) => api('POST', `/answers/${id}/withdraw-review`, cookie, json)
    expect((await withdraw(answer.id, okafor, {})).status).toBe(403)
    expect((await withdraw(999999, editor, {})).status).toBe(404)
    const bad = await withdraw(answer.id, editor, { reason: 7 })
    expect(bad.status).toBe(400)
    expect(message(bad)).toBe('reason must be text.')
    const done = await withdraw(answer.id, editor, { reason: 'The summary needs a plainer first sentence.' })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body).toMatchObject({ stage: 'draft', notified: [{ name: 'Dr Maya Okafor' }] })
    const again = await withdraw(answer.id, editor, {})
    expect(again.status).toBe(409)
    expect(message(again)).toBe('This answer is not in review (it is draft), so there is nothing to withdraw.')
    const late = await api('POST', `/answers/${answer.id}/decision`, okafor, { decision: 'approve', attestation: true })
    expect(late.status).toBe(409)
    expect((await api('PATCH', `/answers/${answer.id}?draft=true`, editor, { summary: 'Edited after withdrawal.' })).status).toBe(200)
  })

  it('a person who helped write the version is not routed it and cannot be given it for review (400 with the reason)', async () => {
    const created = await api('POST', '/users', admin, {
      email: 'both@example.org',
      password: 'demo-password',
      name: 'Dr Both Roles',
      roles: ['editor', 'reviewer'],
      specialties: [pancreatic.id],
      // Issue 14: only reviewers with verified credentials can be assigned.
      credentialsVerifiedOn: new Date().toISOString(),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const both = await sessionCookie(base, 'both@example.org')

    // Assigned while not yet an author (reassignment works in review), they cannot then edit the
    // text under review (issue 12: locked, 409); once it is withdrawn they can, and then nobody
    // can hand it back to them for review (their authorship is the reason).
    const answer = await draftAnswer()
    expect((await api('POST', `/answers/${answer.id}/submit`, editor)).status).toBe(200)
    const reassigned = await api('PATCH', `/answers/${answer.id}?draft=true`, editor, { assignedReviewers: [created.body.doc.id] })
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200)
    const locked = await api('PATCH', `/answers/${answer.id}?draft=true`, both, {
      summary: 'Surgery is rarely offered once it has spread.',
    })
    expect(locked.status).toBe(409)
    expect(message(locked)).toMatch(/^This answer is in review by Dr Both Roles/)
    expect((await api('POST', `/answers/${answer.id}/withdraw-review`, editor, {})).status).toBe(200)
    expect(
      (await api('PATCH', `/answers/${answer.id}?draft=true`, both, { summary: 'Surgery is rarely offered once it has spread.' })).status,
    ).toBe(200)
    expect((await api('POST', `/answers/${answer.id}/submit`, editor)).status).toBe(200)
    const refused = await api('PATCH', `/answers/${answer.id}?draft=true`, editor, { assignedReviewers: [created.body.doc.id] })
    expect(refused.status).toBe(400)
    expect(message(refused)).toMatch(
      /^Dr Both Roles cannot review this answer: they wrote or changed this content since it was last approved/,
    )

    // Routing leaves them out of the next one they helped write.
    const other = await draftAnswer()
    expect(
      (await api('PATCH', `/answers/${other.id}?draft=true`, both, { summary: 'Surgery is rarely offered once it has spread.' })).status,
    ).toBe(200)
    expect(
      (await api('PATCH', `/answers/${other.id}?draft=true`, editor, { summary: 'Surgery is seldom offered once it has spread.' })).status,
    ).toBe(200)
    const routed = await api('POST', `/answers/${other.id}/submit`, editor)
    expect(routed.status).toBe(200)
    expect(routed.body.reviewers.map((reviewer: { name: string }) => reviewer.name)).not.toContain('Dr Both Roles')
  })
})
