/**
 * Issue 14, evidence, against the production server (`npm start`, demo seed, jobs not auto-run):
 * an editor corrects the text of a passage the published pancreatic answer cites (REST, as the admin
 * form saves it), the change is recorded and queued; an admin runs the "lifecycle" queue over HTTP;
 * the answer is flagged and back in review with its reviewer while the live version stays public;
 * the reviewer's review screen shows the passage's old and new text side by side.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser, signIn } from '../helpers/browser'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'

const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const NEW_TEXT = 'Corrected in the evidence e2e: surgery is offered only after a response to chemotherapy'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-evidence-'))
let server: ServerHandle | undefined
let base = ''
let browser: Browser | undefined

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, { JOBS_AUTORUN: 'false' })
  browser = await launchBrowser()
}, 10 * 60_000)

afterAll(async () => {
  await browser?.close()
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const headersOf = async (email: string) => ({ cookie: await sessionCookie(base, email), origin: base, 'content-type': 'application/json' })

describe('a corrected passage flags the published answer citing it (production server)', () => {
  it('editor saves, admin runs the lifecycle queue, the answer is in review with old and new text on the review screen', async () => {
    const editor = await headersOf('editor@example.org')
    const found = await (await fetch(`${base}/api/answers?where[slug][equals]=${SLUG}&depth=0&draft=true`, { headers: editor })).json()
    const answer = found.docs[0]
    expect(answer.workflowStage).toBe('published')
    const cited = answer.citations[0]
    const sourceUrl = `${base}/api/guideline-sources/${cited.source}`
    const source = await (await fetch(`${sourceUrl}?depth=0`, { headers: editor })).json()
    const oldText: string = source.passages.find((passage: { passageId: string }) => passage.passageId === cited.passageId).text

    const saved = await fetch(sourceUrl, {
      method: 'PATCH',
      headers: editor,
      body: JSON.stringify({
        passages: source.passages.map((passage: { passageId: string }) =>
          passage.passageId === cited.passageId ? { ...passage, text: NEW_TEXT } : passage,
        ),
        changeNote: 'Wording corrected after the guideline update.',
      }),
    })
    expect(saved.status, await saved.clone().text()).toBe(200)
    const changes = await (
      await fetch(`${base}/api/evidence-changes?where[source][equals]=${cited.source}&depth=0`, { headers: editor })
    ).json()
    expect(changes.docs[0]).toMatchObject({ kind: 'edited', status: 'queued', note: 'Wording corrected after the guideline update.' })
    // Nobody writes the record over HTTP; only admins run jobs.
    const forged = await fetch(`${base}/api/evidence-changes`, {
      method: 'POST',
      headers: editor,
      body: JSON.stringify({ source: cited.source, kind: 'edited', changedOn: new Date().toISOString() }),
    })
    expect(forged.status).toBe(403)
    expect([401, 403]).toContain((await fetch(`${base}/api/payload-jobs/run?queue=lifecycle`, { headers: editor })).status)

    const admin = await headersOf('admin@example.org')
    const run = await fetch(`${base}/api/payload-jobs/run?queue=lifecycle`, { headers: admin })
    expect(run.status, await run.clone().text()).toBe(200)

    const flagged = await (await fetch(`${base}/api/answers/${answer.id}?depth=0&draft=true`, { headers: editor })).json()
    expect(flagged.workflowStage).toBe('in_review')
    expect(flagged.evidenceChanges).toEqual([
      expect.objectContaining({ passageId: cited.passageId, kind: 'edited', oldText, newText: NEW_TEXT }),
    ])
    const done = await (await fetch(`${base}/api/evidence-changes/${changes.docs[0].id}?depth=0`, { headers: editor })).json()
    expect(done).toMatchObject({ status: 'flagged', answersFlagged: 1 })
    // The live version stays public while the new one is in review.
    expect((await fetch(`${base}/api/public/v1/answers/${SLUG}`)).status).toBe(200)

    expect(flagged.assignedReviewers.length).toBeGreaterThan(0)
    // The reviewer's review screen: the passage's old and new text side by side, the affected claim marked.
    const reviewer = await signIn(browser!, base, 'okafor@example.org')
    await reviewer.goto(`${base}/admin/review/${answer.id}`)
    const panel = reviewer.getByTestId('evidence-changes')
    await panel.waitFor({ timeout: 120_000 })
    expect(await panel.getByTestId('evidence-old').textContent()).toBe(oldText)
    expect(await panel.getByTestId('evidence-new').textContent()).toBe(NEW_TEXT)
    expect(await reviewer.getByTestId('evidence-changed-claim').count()).toBeGreaterThan(0)
    // The editor's edit view opens with the same panel.
    const editorPage = await signIn(browser!, base, 'editor@example.org')
    await editorPage.goto(`${base}/admin/collections/answers/${answer.id}`)
    const banner = editorPage.getByTestId('evidence-changed-banner')
    await banner.waitFor({ timeout: 120_000 })
    expect(await banner.getByTestId('evidence-new').textContent()).toBe(NEW_TEXT)
  })
})
