/**
 * The editor's and the oncologist's day, in a real browser against the production server, with
 * the real SDK drafting against a fake Messages API on 127.0.0.1:
 *   1. editor creates a question, sends it to drafting, submits the draft; the reviewer opens it
 *      from the dashboard, sees citations beside passages, approves; the public page shows it.
 *   2. the reviewer requests changes, the editor edits and re-submits, the review screen shows the
 *      diff, the reviewer approves.
 * Counts the clicks and keystroke fields each person needs (printed, and in the README).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ARTIFACTS, launchBrowser, signIn } from '../helpers/browser'
import { validDraft } from '../helpers/draftReplies'
import { FakeAnthropic } from '../helpers/fakeAnthropic'
import { freePort, sessionCookie, startProduct, stopProduct, type ServerHandle } from '../helpers/server'
import { ACTION_LABELS, DRAFTING_REFUSALS, SUBMIT_REFUSALS } from '@/lib/workflow/states'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-flow-'))
const fake = new FakeAnthropic()
const TABLET = { width: 820, height: 1180 }
let server: ServerHandle | undefined
let browser: Browser
let base = ''
let nextTitle = ''

beforeAll(async () => {
  await fake.start()
  fake.respond = (request) => fake.toolUse(request, 'submit_draft', validDraft(request, { title: nextTitle }))
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = await startProduct(port, dataDir, {
    ANTHROPIC_API_KEY: 'sk-e2e-fake',
    ANTHROPIC_BASE_URL: fake.baseURL,
    DRAFT_RETRY_DELAY_MS: '0',
  })
  browser = await launchBrowser()
}, 10 * 60_000)

afterAll(async () => {
  await browser?.close()
  if (server) await stopProduct(server)
  await fake.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Counts what a person does: each click and each field typed into is one action. */
class Actions {
  count = 0
  async click(target: Locator) {
    this.count++
    await target.click()
  }
  async fill(target: Locator, text: string) {
    this.count++
    await target.fill(text)
  }
}

async function waitForStatus(question: string, status: string) {
  const cookie = await sessionCookie(base, 'editor@example.org')
  for (let attempt = 0; attempt < 120; attempt++) {
    const found = await (
      await fetch(`${base}/api/questions?where[text][equals]=${encodeURIComponent(question)}&depth=0`, {
        headers: { cookie, origin: base },
      })
    ).json()
    if (found.docs[0]?.status === status) return found.docs[0]
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`"${question}" never reached status ${status}:\n${server?.output().slice(-2000)}`)
}

/** The editor's session headers, and a pancreatic-cancer question created over REST (its id). */
async function editorHeaders() {
  return { cookie: await sessionCookie(base, 'editor@example.org'), origin: base, 'content-type': 'application/json' }
}

async function createQuestion(headers: Record<string, string>, text: string) {
  const types = await (await fetch(`${base}/api/cancer-types?where[slug][equals]=pancreatic`, { headers })).json()
  const created = await fetch(`${base}/api/questions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ text, cancerType: types.docs[0].id }),
  })
  expect(created.status).toBe(201)
  return (await created.json()).doc.id as string | number
}

async function openFromDashboard(page: Page, actions: Actions, title: string) {
  await page.goto(`${base}/admin`)
  await page.getByRole('heading', { name: /Awaiting your review/ }).waitFor({ timeout: 120_000 })
  await actions.click(page.getByRole('link', { name: title }))
  await page.getByRole('heading', { name: `Review: ${title}` }).waitFor({ timeout: 120_000 })
}

describe('the editorial workflow in the admin', () => {
  it('question -> drafting -> submit -> reviewer approves from the dashboard -> public page', async () => {
    const question = 'Once pancreatic cancer has spread to the liver, can an operation still remove it?'
    nextTitle = 'Can an operation remove pancreatic cancer that has reached the liver?'
    const editorActions = new Actions()
    const editor = await signIn(browser, base, 'editor@example.org')
    editorActions.count += 3 // email, password, log in

    await editor.goto(`${base}/admin/collections/questions/create`)
    await editorActions.fill(editor.locator('#field-text'), question)
    await editorActions.click(editor.locator('#field-cancerType .rs__control'))
    await editorActions.click(editor.locator('.rs__option', { hasText: /^Pancreatic cancer$/ }))
    await editorActions.click(editor.getByRole('button', { name: 'Save', exact: true }))
    await editor.waitForURL(/\/admin\/collections\/questions\/\d+/, { timeout: 60_000 })

    await editor.goto(`${base}/admin/backlog?sort=newest`)
    await editorActions.click(editor.getByLabel(`Select: ${question}`))
    await editorActions.click(editor.getByRole('button', { name: 'Send to drafting' }))
    await editor.getByText('Sent to drafting: 1 of 1.').waitFor({ timeout: 60_000 })
    await waitForStatus(question, 'drafted')

    await editor.goto(`${base}/admin/backlog?status=drafted`)
    await editorActions.click(editor.getByLabel(`Select: ${question}`))
    await editorActions.click(editor.getByRole('button', { name: 'Submit drafts for review' }))
    await editor.getByText('Submitted for review: 1 of 1.').waitFor({ timeout: 60_000 })
    await editor.goto(`${base}/admin/backlog?status=in_review`)
    await editor
      .getByRole('row', { name: new RegExp(question.slice(0, 40)) })
      .getByText('Dr Maya Okafor')
      .waitFor()
    await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-backlog.png'), fullPage: true })
    // The answers list has a column that opens the review screen.
    await editor.goto(`${base}/admin/collections/answers`)
    const titleLink = editor.getByRole('link', { name: nextTitle }).first()
    await titleLink.waitFor({ timeout: 120_000 })
    const answerId = (await titleLink.getAttribute('href'))!.split('/').pop()
    await editor
      .getByRole('link', { name: 'Review screen' })
      .and(editor.locator(`a[href="/admin/review/${answerId}"]`))
      .waitFor()
    await editor.goto(`${base}/admin`)
    await editor.getByRole('heading', { name: 'Pipeline' }).waitFor({ timeout: 120_000 })
    await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-dashboard-editor.png'), fullPage: true })

    const reviewerActions = new Actions()
    const reviewer = await signIn(browser, base, 'okafor@example.org', { viewport: TABLET })
    reviewerActions.count += 3
    await openFromDashboard(reviewer, reviewerActions, nextTitle)
    await reviewer.getByRole('heading', { name: /Citations beside their passages \([1-9]/ }).waitFor()
    const firstCitation = reviewer.locator('.citation').first()
    await expect(firstCitation.textContent()).resolves.toMatch(/Passage \S+/)
    await reviewer.getByRole('heading', { name: /Safety warnings/ }).waitFor()
    await reviewer.screenshot({ path: path.join(ARTIFACTS, 'admin-review-screen-tablet.png'), fullPage: true })

    // Keyboard: the attestation and the Approve button are reachable without a mouse.
    await reviewer.getByLabel(/I reviewed this content for clinical accuracy/).focus()
    await reviewer.keyboard.press('Space')
    reviewerActions.count++
    await reviewer.getByRole('button', { name: 'Approve' }).focus()
    await reviewer.keyboard.press('Enter')
    reviewerActions.count++
    await reviewer.getByText('Approved. Recorded for this exact version.').waitFor({ timeout: 60_000 })
    await reviewer.getByText('This answer is published.').waitFor({ timeout: 60_000 })
    expect(reviewer.url()).toContain('/admin/review/') // no navigation: the result came in place

    const list = await (await fetch(`${base}/api/public/v1/answers?q=${encodeURIComponent('operation liver')}`)).json()
    expect(list.docs.map((doc: { title: string }) => doc.title)).toContain(nextTitle)
    const slug = list.docs.find((doc: { title: string }) => doc.title === nextTitle).slug
    const patient = await browser.newPage()
    expect((await patient.goto(`${base}/answers/${slug}`))?.status()).toBe(200)
    await patient.getByText(/Medically reviewed by Dr Maya Okafor/).waitFor()
    await patient.close()
    console.log(`[flow 1] actions from login to publication: editor ${editorActions.count}, reviewer ${reviewerActions.count}`)
    expect(editorActions.count + reviewerActions.count).toBeLessThan(25)
  })

  it('request changes -> the editor edits and re-submits -> the diff shows the change -> approve', async () => {
    const question = 'Is a stent an option if pancreatic cancer blocks the bile duct?'
    nextTitle = 'Can a stent help when pancreatic cancer blocks the bile duct?'
    const headers = await editorHeaders()
    const questionId = await createQuestion(headers, question)
    expect(
      (await fetch(`${base}/api/questions/bulk`, { method: 'POST', headers, body: JSON.stringify({ action: 'draft', ids: [questionId] }) }))
        .status,
    ).toBe(200)
    await waitForStatus(question, 'drafted')
    const submitted = await (
      await fetch(`${base}/api/questions/bulk`, { method: 'POST', headers, body: JSON.stringify({ action: 'submit', ids: [questionId] }) })
    ).json()
    expect(submitted.done).toHaveLength(1)
    const answerId = submitted.done[0].answerId

    const reviewerActions = new Actions()
    const reviewer = await signIn(browser, base, 'okafor@example.org', { viewport: TABLET })
    await openFromDashboard(reviewer, reviewerActions, nextTitle)
    await reviewer.getByText('First review: no earlier version was approved or sent back.').waitFor()
    // A comment is required: trying without one says so and records nothing.
    await reviewerActions.click(reviewer.getByRole('button', { name: 'Request changes' }))
    await reviewer.getByText(/Write a comment for the editor first/).waitFor()
    await reviewerActions.fill(reviewer.getByLabel(/Comment for the editor/), 'Please add that a stent can relieve yellowing of the skin.')
    await reviewerActions.click(reviewer.getByRole('button', { name: 'Request changes' }))
    await reviewer.getByText('Changes requested. Recorded for this exact version.').waitFor({ timeout: 60_000 })
    await reviewer.getByText(/Stage: Changes requested./).waitFor({ timeout: 60_000 })

    const editorActions = new Actions()
    const editor = await signIn(browser, base, 'editor@example.org')
    await editor.goto(`${base}/admin/collections/answers/${answerId}`)
    const takeaway = editor.locator('#field-keyTakeaway')
    await takeaway.waitFor({ timeout: 120_000 })
    const added = 'A stent can relieve yellowing of the skin.'
    await editorActions.fill(takeaway, `${await takeaway.inputValue()} ${added}`)
    await editorActions.click(editor.getByRole('button', { name: 'Save Draft' }))
    await editor
      .getByText(/saved successfully/i)
      .first()
      .waitFor({ timeout: 60_000 })
    await editorActions.click(editor.getByRole('button', { name: 'Submit for review' }))
    await editor.getByText('In review with Dr Maya Okafor.').waitFor({ timeout: 60_000 })

    await reviewer.reload()
    reviewerActions.count++
    const diff = reviewer.getByTestId('review-diff')
    await diff.waitFor({ timeout: 60_000 })
    await expect(diff.locator('ins').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('stent can relieve yellowing')]),
    )
    await reviewer.getByText(/Since the version Dr Maya Okafor sent back for changes/).waitFor()
    await reviewer.screenshot({ path: path.join(ARTIFACTS, 'admin-review-diff-tablet.png'), fullPage: true })
    await reviewerActions.click(reviewer.getByLabel(/I reviewed this content for clinical accuracy/))
    await reviewerActions.click(reviewer.getByRole('button', { name: 'Approve' }))
    await reviewer.getByText('This answer is published.').waitFor({ timeout: 60_000 })

    const published = await (await fetch(`${base}/api/public/v1/answers?q=stent`)).json()
    const slug = published.docs.find((doc: { title: string }) => doc.title === nextTitle).slug
    expect((await (await fetch(`${base}/api/public/v1/answers/${slug}`)).json()).keyTakeaway).toContain(added)
    console.log(`[flow 2] actions: reviewer ${reviewerActions.count} (both rounds), editor ${editorActions.count} (edit and re-submit)`)
  })

  it('an answer in review is locked in the admin: a banner names the reviewer, the content is read-only, "Withdraw from review" unlocks it', async () => {
    const question = 'Can chemotherapy before surgery shrink a pancreatic tumour enough to operate?'
    nextTitle = 'Can chemotherapy before surgery make a pancreatic tumour operable?'
    const editorCookie = await sessionCookie(base, 'editor@example.org')
    const headers = { cookie: editorCookie, origin: base, 'content-type': 'application/json' }
    const types = await (await fetch(`${base}/api/cancer-types?where[slug][equals]=pancreatic`, { headers })).json()
    const created = await fetch(`${base}/api/questions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: question, cancerType: types.docs[0].id }),
    })
    const questionId = (await created.json()).doc.id
    const bulk = (action: string) =>
      fetch(`${base}/api/questions/bulk`, { method: 'POST', headers, body: JSON.stringify({ action, ids: [questionId] }) })
    expect((await bulk('draft')).status).toBe(200)
    await waitForStatus(question, 'drafted')
    const submitted = await (await bulk('submit')).json()
    expect(submitted.done).toHaveLength(1)
    const answerId = submitted.done[0].answerId

    const editor = await signIn(browser, base, 'editor@example.org')
    await editor.goto(`${base}/admin/collections/answers/${answerId}`)
    const banner = editor.getByTestId('review-lock')
    await banner.waitFor({ timeout: 120_000 })
    await expect(banner.locator('p').first().textContent()).resolves.toMatch(
      /^In review by Dr Maya Okafor since \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    )
    // What the reviewer approves is read-only; the reviewers stay editable (reassignment).
    for (const field of ['#field-title', '#field-summary', '#field-keyTakeaway']) {
      await editor.locator(field).waitFor()
      await expect(editor.locator(field).isEditable(), field).resolves.toBe(false)
    }
    await expect(editor.locator('.rich-text-lexical [contenteditable="true"]').count()).resolves.toBe(0)
    await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-answer-locked-in-review.png'), fullPage: true })
    // The form still saves what is not locked: it sends the content back unchanged, which is no edit.
    await editor.getByLabel('High Risk').check()
    await editor.getByRole('button', { name: 'Save Draft' }).click()
    await editor
      .getByText(/saved successfully/i)
      .first()
      .waitFor({ timeout: 60_000 })
    const saved = await (await fetch(`${base}/api/answers/${answerId}?draft=true&depth=0`, { headers })).json()
    expect(saved).toMatchObject({ workflowStage: 'in_review', highRisk: true })

    await banner.getByRole('button', { name: 'Withdraw from review' }).click()
    await banner.getByLabel(/Why \(optional/).fill('The takeaway needs one more sentence.')
    await banner.getByRole('button', { name: 'Withdraw from review' }).click()
    // The view reloads: no banner, the content editable again.
    await banner.waitFor({ state: 'detached', timeout: 60_000 })
    // Editable once the reloaded form is ready (Payload disables its inputs until then).
    const takeaway = editor.locator('#field-keyTakeaway:not([disabled]):not([readonly])')
    try {
      await takeaway.waitFor({ timeout: 60_000 })
    } catch (error) {
      await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-answer-after-withdrawal.png'), fullPage: true })
      throw error
    }
    await takeaway.fill(`${await takeaway.inputValue()} Ask about chemotherapy first.`)
    await editor.getByRole('button', { name: 'Save Draft' }).click()
    await editor
      .getByText(/saved successfully/i)
      .first()
      .waitFor({ timeout: 60_000 })

    const answer = await (await fetch(`${base}/api/answers/${answerId}?draft=true&depth=0`, { headers })).json()
    expect(answer.workflowStage).toBe('draft')
    expect(answer.keyTakeaway).toContain('Ask about chemotherapy first.')
    const events = await (
      await fetch(`${base}/api/workflow-events?where[answer][equals]=${answerId}&sort=-createdAt&limit=1&depth=0`, { headers })
    ).json()
    expect(events.docs[0]).toMatchObject({ event: 'withdraw_review', from: 'in_review', to: 'draft', byName: 'Sam Lee' })
    expect(events.docs[0].why).toBe('Withdrawn from review: The takeaway needs one more sentence.')
    const adminCookie = await sessionCookie(base, 'admin@example.org')
    const emails = await (
      await fetch(`${base}/api/notifications?where[template][equals]=review_withdrawn&where[related.value][equals]=${answerId}&depth=0`, {
        headers: { cookie: adminCookie, origin: base },
      })
    ).json()
    expect(emails.docs.map((email: { to: string; subject: string }) => [email.to, email.subject])).toEqual([
      ['okafor@example.org', `Review withdrawn: ${nextTitle}`],
    ])
  })

  it('CSV import: preview with row errors, then the valid rows are imported and the report is kept', async () => {
    const editor = await signIn(browser, base, 'editor@example.org')
    await editor.goto(`${base}/admin/import`)
    const csv = [
      'question,cancer type,priority,origin',
      'Can exercise during chemotherapy for breast cancer help with tiredness?,Breast cancer,high,patient_submission',
      'Is surgery an option for metastatic pancreatic cancer?,pancreatic,normal,editorial',
      'What is a sarcoma of the little toe treated with?,toe cancer,normal,editorial',
    ].join('\n')
    await editor.getByLabel('CSV text').fill(csv)
    await editor.getByRole('button', { name: 'Preview' }).click()
    await editor.getByText('1 valid row, 2 with problems (not imported).', { exact: false }).waitFor({ timeout: 60_000 })
    await expect(editor.locator('tr[data-status="rejected"]').count()).resolves.toBe(2)
    await expect(editor.locator('tr[data-status="rejected"]').allTextContents()).resolves.toEqual([
      expect.stringMatching(/duplicate/i),
      expect.stringMatching(/toe cancer/i),
    ])
    await editor.screenshot({ path: path.join(ARTIFACTS, 'admin-csv-import-preview.png'), fullPage: true })
    await editor.getByRole('button', { name: 'Import 1 valid row' }).click()
    await editor.getByText(/Imported 1 question; 2 rows were rejected/).waitFor({ timeout: 60_000 })
    await editor.getByRole('link', { name: 'View the import report' }).click()
    await editor.waitForURL(/\/admin\/collections\/question-imports\/\d+/, { timeout: 60_000 })
    const cookie = await sessionCookie(base, 'editor@example.org')
    const found = await (
      await fetch(`${base}/api/questions?where[text][like]=exercise during chemotherapy&depth=0`, { headers: { cookie, origin: base } })
    ).json()
    expect(found.docs).toHaveLength(1)
    expect(found.docs[0]).toMatchObject({ priority: 'high', origin: 'patient_submission', status: 'new' })
  })

  it('buttons follow the workflow: the new draft appears without a reload, unsaved edits are saved before submitting, one status', async () => {
    const question = 'Can a blocked stomach from pancreatic cancer be bypassed with a stent?'
    nextTitle = 'Can a stent bypass a stomach blocked by pancreatic cancer?'
    const headers = await editorHeaders()
    const questionId = await createQuestion(headers, question)
    const editor = await signIn(browser, base, 'editor@example.org')
    await editor.goto(`${base}/admin/collections/questions/${questionId}`)
    const drafting = editor.getByTestId('drafting-controls')
    const send = drafting.getByRole('button', { name: ACTION_LABELS.sendToDrafting })
    await send.waitFor({ timeout: 120_000 })
    expect(await send.isEnabled()).toBe(true)
    await send.click()
    // Progress while the job runs; no second click possible.
    await drafting.getByText(/Being drafted now/).waitFor({ timeout: 60_000 })
    // The draft appears by itself: a link to it, the status, the question's answers, no reload.
    const link = drafting.getByRole('link', { name: nextTitle })
    await link.waitFor({ timeout: 90_000 })
    await editor.locator('#field-status').getByText('Drafted').waitFor({ timeout: 120_000 })
    await editor.locator('.relationship-table').getByText(nextTitle).first().waitFor({ timeout: 120_000 })
    // "Send to drafting" is no longer offered as if there were no draft: redrafting says it replaces it.
    await expect(drafting.getByRole('button', { name: ACTION_LABELS.sendToDrafting, exact: true }).count()).resolves.toBe(0)
    await drafting.getByRole('button', { name: ACTION_LABELS.redraft }).click()
    const confirm = drafting.getByRole('group', { name: 'Confirm redraft' })
    await confirm.getByText(/A new draft replaces the current one/).waitFor()
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect((await (await fetch(`${base}/api/questions/${questionId}?depth=0`, { headers })).json()).status).toBe('drafted')

    await link.click()
    await editor.waitForURL(/\/admin\/collections\/answers\/\d+/, { timeout: 60_000 })
    const answerApi = editor.url().replace(/^.*\/admin\/collections\//, `${base}/api/`)
    const title = editor.locator('#field-title')
    await title.waitFor({ timeout: 120_000 })
    // The stage is the one status shown, with its label; Payload's "Status: Draft" is gone.
    const header = editor.locator('.doc-controls')
    await header.getByText('Stage: Draft').waitFor()
    await expect(header.innerText()).resolves.not.toMatch(/Status:/)
    await expect(editor.locator('.document-fields__sidebar').innerText()).resolves.not.toMatch(/Workflow Stage/i)

    const submit = editor.getByRole('button', { name: /submit for review/i })
    // An edit that cannot be saved: nothing is submitted and the edit stays on screen.
    await title.fill('Too short')
    await expect(submit.innerText()).resolves.toBe(ACTION_LABELS.saveAndSubmit)
    await submit.click()
    await editor.getByText('Your changes could not be saved, so nothing was submitted.', { exact: false }).waitFor({ timeout: 60_000 })
    expect((await (await fetch(`${answerApi}?depth=0&draft=true`, { headers })).json()).workflowStage).toBe('draft')
    await expect(title.inputValue()).resolves.toBe('Too short')
    await title.fill(nextTitle)

    // An unsaved edit is saved, then submitted: what goes to review is what was on screen.
    const takeaway = editor.locator('#field-keyTakeaway')
    const added = 'A stent can let food pass again.'
    await takeaway.fill(`${await takeaway.inputValue()} ${added}`)
    await submit.click()
    await editor.getByText('In review with Dr Maya Okafor.').waitFor({ timeout: 60_000 })
    const saved = await (await fetch(`${answerApi}?depth=0&draft=true`, { headers })).json()
    expect(saved.workflowStage).toBe('in_review')
    expect(saved.keyTakeaway).toContain(added)
    // The view follows without a reload: the new stage in the header, Submit refused with the reason.
    await header.getByText('Stage: In review').waitFor({ timeout: 120_000 })
    await editor.getByText(`${SUBMIT_REFUSALS.in_review}.`).waitFor()
    expect(await submit.isDisabled()).toBe(true)
    await expect(takeaway.inputValue()).resolves.toContain(added)

    // Back on the question: drafting is refused while its answer is in review, and says why.
    await editor.goto(`${base}/admin/collections/questions/${questionId}`)
    await drafting.getByText(`${DRAFTING_REFUSALS.in_review}.`).waitFor({ timeout: 120_000 })
    expect(await drafting.getByRole('button', { name: ACTION_LABELS.sendToDrafting }).isDisabled()).toBe(true)
  })

  it('the backlog shows a question it sent to drafting as drafted without a reload', async () => {
    const question = 'Does pancreatic cancer cause back pain, and what helps with it?'
    nextTitle = 'Why pancreatic cancer can cause back pain, and what helps'
    await createQuestion(await editorHeaders(), question)
    const editor = await signIn(browser, base, 'editor@example.org')
    await editor.goto(`${base}/admin/backlog?sort=newest`)
    // While the row is drafting, the page asks for the drafting rows' statuses and reloads the whole
    // backlog (a React Server Components request) only once one has moved on.
    const statusChecks: string[] = []
    let reloads = 0
    editor.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === '/api/questions' && request.method() === 'GET') statusChecks.push(url.search)
      if (url.pathname === '/admin/backlog' && request.headers()['rsc'] === '1') reloads++
    })
    // The model takes 12 s: the row stays drafting over at least two checks.
    fake.latencyMs = 12_000
    try {
      await editor.getByLabel(`Select: ${question}`).click()
      await editor.getByRole('button', { name: ACTION_LABELS.sendToDrafting }).click()
      await editor.getByText('Sent to drafting: 1 of 1.').waitFor({ timeout: 60_000 })
      const row = editor.getByRole('row', { name: new RegExp(question.slice(0, 40)) })
      await row.getByText('Drafted', { exact: true }).waitFor({ timeout: 120_000 })
    } finally {
      fake.latencyMs = 0
    }
    expect(statusChecks.length).toBeGreaterThanOrEqual(2)
    expect(decodeURIComponent(statusChecks[0]!)).toContain('select[status]=true')
    // One reload after the bulk action, one when the draft was done; the checks in between reload nothing.
    expect(reloads).toBeLessThanOrEqual(2)
  })
})
