/**
 * Issue 14 (supersede part) against the production server (`npm start`) over HTTP: a reviewer whose
 * credential verification lapsed gets a 403 naming the lapse date; superseding a source over REST
 * (refused when the replacement is not current) and proposing its passages to the published answer
 * that cites it, as a new draft while the live version stays.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import type { Json } from '../helpers/json'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-supersede-'))
let server: ServerHandle | undefined
let base = ''
let admin = '',
  editor = '',
  okafor = ''
let pancreatic: { id: number }

type Reply = { status: number; body: Json }
async function api(method: string, url: string, cookie: string, json?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { cookie, origin: base }
  if (json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}/api${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}
const message = (reply: Reply) => reply.body?.errors?.[0]?.data?.errors?.[0]?.message ?? reply.body?.errors?.[0]?.message

type Cite = { source: number; passageId: string; quote: string | null }
const citeNodes = (body: Json): Cite[] => {
  const found: Cite[] = []
  const walk = (node: Json) => {
    if (node?.type === 'inlineBlock' && node.fields?.blockType === 'cite') found.push(node.fields)
    for (const child of node?.children ?? []) walk(child)
  }
  walk(body?.root)
  return found
}

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  // No background jobs: nothing but these requests changes the answers under test.
  server = await startProduct(port, dataDir, { JOBS_AUTORUN: 'false' })
  ;[admin, editor, okafor] = await Promise.all(
    ['admin@example.org', 'editor@example.org', 'okafor@example.org'].map((email) => sessionCookie(base, email)),
  )
  pancreatic = (await api('GET', '/cancer-types?where[slug][equals]=pancreatic&depth=0', editor)).body.docs[0]
}, 10 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('superseded sources and reviewer credentials on the production server', () => {
  it('a reviewer whose credential verification an admin sets back to a lapsed date hands the review on and cannot decide', async () => {
    const current = (
      await api('GET', `/guideline-sources?where[cancerTypes][in]=${pancreatic.id}&where[status][equals]=current&depth=0&limit=1`, editor)
    ).body.docs[0]
    const question = await api('POST', '/questions', editor, {
      text: 'Is surgery an option for me when pancreatic cancer has spread to the liver?',
      cancerType: pancreatic.id,
      priority: 'normal',
      origin: 'editorial',
    })
    expect(question.status, JSON.stringify(question.body)).toBe(201)
    const answer = await api('POST', '/answers?draft=true', editor, {
      question: question.body.doc.id,
      cancerType: pancreatic.id,
      title: 'Can surgery help once pancreatic cancer has spread to the liver?',
      summary: 'Usually not: treatment that works through the whole body comes first.',
      body: {
        root: {
          type: 'root',
          format: '',
          indent: 0,
          version: 1,
          direction: 'ltr',
          children: [
            {
              type: 'paragraph',
              format: '',
              indent: 0,
              version: 1,
              direction: 'ltr',
              textFormat: 0,
              textStyle: '',
              children: [
                {
                  type: 'text',
                  text: 'The cancer has spread beyond the pancreas.',
                  format: 0,
                  detail: 0,
                  mode: 'normal',
                  style: '',
                  version: 1,
                },
              ],
            },
          ],
        },
      },
      questionsToAsk: [{ question: 'What is the goal of my treatment?', why: 'It frames the choices.' }],
      keyTakeaway: 'Ask your team what fits you.',
      citations: [{ source: current.id, passageId: current.passages[0].passageId }],
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    const submitted = await api('POST', `/answers/${answer.body.doc.id}/submit`, editor)
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(submitted.body.reviewers.map((reviewer: { name: string }) => reviewer.name)).toEqual(['Dr Maya Okafor'])

    const me = (await api('GET', '/users/me', okafor)).body.user
    // Someone else's account: access control's refusal, the same whatever is stored (twenty-third session).
    const byEditor = await api('PATCH', `/users/${me.id}`, editor, { credentialsIntervalMonths: 120 })
    expect(byEditor.status).toBe(403)
    expect(message(byEditor)).toBe('You are not allowed to perform this action.')
    const lapse = await api('PATCH', `/users/${me.id}`, admin, { credentialsVerifiedOn: '2023-01-10T00:00:00.000Z' })
    expect(lapse.status, JSON.stringify(lapse.body)).toBe(200)

    // The admin's save hands the review on at once (nobody else reviews pancreatic cancer: it waits),
    // so to the lapsed reviewer it is an answer outside their queue. (A lapse with time, before the
    // sweep hands the review on, is the 403 naming the lapse date: tests/int/reviewer-credentials.test.ts.)
    const decision = await api('POST', `/answers/${answer.body.doc.id}/decision`, okafor, { decision: 'approve', attestation: true })
    expect(decision.status).toBe(404)
    expect(message(decision)).toBe(`Answer ${answer.body.doc.id} does not exist.`)
    const after = await api('GET', `/answers/${answer.body.doc.id}?draft=true&depth=0`, editor)
    expect(after.body).toMatchObject({ workflowStage: 'awaiting_reviewer', assignedReviewers: [] })
  })

  it("the admin dashboard shows each reviewer's forecast load per week, and the lapsed reviewer as not routable", async () => {
    const page = await fetch(`${base}/admin`, { headers: { cookie: editor, origin: base } })
    expect(page.status).toBe(200)
    const html = (await page.text()).replace(/<!-- -->/g, '')
    const forecast = html.slice(html.indexOf('id="reviewer-forecast"'))
    expect(forecast).toContain('Reviewer load forecast (12 weeks)')
    // Dr Okafor's verification lapsed in the test above.
    expect(forecast).toMatch(/Dr Maya Okafor<\/a> \(not routable: inactive or credentials not current\)/)
    expect(forecast).toMatch(/Dr Daniel Reyes<\/a><\/th>/)
  })

  it('supersedes a cited source over REST and proposes the new passages to the published answer as a draft; the live version stays', async () => {
    const published = (await api('GET', '/answers?where[_status][equals]=published&depth=0&limit=1', editor)).body.docs[0]
    const oldId = published.citations.find((row: { passageId: string }) => row.passageId === 'met-surgery').source
    const old = (await api('GET', `/guideline-sources/${oldId}?depth=0`, editor)).body
    const outdated = (await api('GET', `/guideline-sources?where[status][equals]=superseded&depth=0&limit=1`, editor)).body.docs[0]
    const publicBefore = await fetch(`${base}/api/public/v1/answers/${published.slug}`).then((response) => response.json())

    const created = await api('POST', '/guideline-sources', editor, {
      publisher: old.publisher,
      title: old.title,
      version: 'Version 1.2026',
      publicationDate: '2026-02-01',
      url: old.url,
      cancerTypes: old.cancerTypes,
      passages: old.passages.map((passage: { passageId: string; heading: string; text: string }) => ({
        passageId: passage.passageId,
        heading: passage.heading,
        text:
          passage.passageId === 'met-surgery'
            ? 'Surgery on the main tumor is not advised for most people once the cancer has spread to distant organs.'
            : passage.text,
      })),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const next = created.body.doc

    const refused = await api('PATCH', `/guideline-sources/${old.id}`, editor, { status: 'superseded', supersededBy: outdated.id })
    expect(refused.status).toBe(400)
    expect(message(refused)).toBe(
      `"${outdated.title}" (${outdated.version}) is itself superseded: name the current version as the replacement.`,
    )
    const superseded = await api('PATCH', `/guideline-sources/${old.id}`, editor, { status: 'superseded', supersededBy: next.id })
    expect(superseded.status, JSON.stringify(superseded.body)).toBe(200)

    const proposed = await api('POST', `/answers/${published.id}/propose-replacements`, editor)
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200)
    const [proposal] = proposed.body.proposals
    expect(proposal.saved).toBe(true)
    expect(proposal.passages).toContainEqual({ from: 'met-surgery', to: 'met-surgery', how: 'same id', similarity: expect.any(Number) })

    // The new draft cites the new version; the changed passage's quote no longer occurs, so it is dropped.
    const draft = (await api('GET', `/answers/${published.id}?draft=true&depth=0`, editor)).body
    const cites = citeNodes(draft.body)
    expect(cites.filter((cite) => cite.source === old.id)).toEqual([])
    expect(cites.find((cite) => cite.passageId === 'met-surgery')).toMatchObject({ source: next.id, quote: null })
    expect(draft.workflowStage).toBe('draft')

    // The live version and what patients read are the approved ones.
    const live = (await api('GET', `/answers/${published.id}?depth=0`, editor)).body
    expect(citeNodes(live.body).some((cite) => cite.source === old.id)).toBe(true)
    const publicAfter = await fetch(`${base}/api/public/v1/answers/${published.slug}`).then((response) => response.json())
    expect(publicAfter).toEqual(publicBefore)
  })
})
