/**
 * Issue 10 item 1: the answer body is checked against the editor's allow-list on every save,
 * drafts included, whoever sends it (an editor over REST, the Local API, the model via the drafter).
 * The fake Messages API is started before Payload is imported (the config reads the environment).
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CancerType, GuidelineSource, Question, User } from '@/payload-types'
import { lexicalToHtml, lexicalToText } from '@/lib/richText'
import { validDraft } from '../helpers/draftReplies'
import { FakeAnthropic } from '../helpers/fakeAnthropic'
import { createCancerType, createCompleteDraft, createQuestion, createSource, createUser, PASSWORD } from '../helpers/fixtures'
import { RestClient, errorMessage } from '../helpers/rest'
import { paragraph, root, text } from '../helpers/lexical'

const fake = await new FakeAnthropic().start()
Object.assign(process.env, {
  ANTHROPIC_API_KEY: 'sk-ant-test-key',
  ANTHROPIC_BASE_URL: fake.baseURL,
  DRAFTER: 'model',
  JOBS_AUTORUN: 'false',
  DRAFT_RETRY_DELAY_MS: '0',
})
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let editor: User
let cookie: string

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  editor = await createUser(payload, { roles: ['editor'] })
  cookie = await rest.login(editor.email, PASSWORD)
})
afterAll(async () => {
  await stopPayload(payload)
  await fake.stop()
})

const headerStateTable = root({
  type: 'table',
  version: 1,
  children: [
    {
      type: 'tablerow',
      version: 1,
      children: [
        {
          type: 'tablecell',
          version: 1,
          headerState: '0"><img src=x onerror="window.__xssRan=1"><b class="',
          children: [paragraph(text('cell'))],
        },
      ],
    },
  ],
})
const javascriptLink = root(
  paragraph({
    type: 'link',
    version: 3,
    id: 'l1',
    children: [text('more')],
    direction: 'ltr',
    format: '',
    indent: 0,
    fields: { url: 'javascript:window.__xssRan=1', newTab: false, linkType: 'custom' },
  }),
)
const inlineUpload = root({
  type: 'upload',
  version: 3,
  relationTo: 'media',
  value: { url: 'javascript:window.__xssRan=1', mimeType: 'application/pdf', filename: 'a.pdf' },
  fields: null,
})

const counts = async () => ({
  answers: (await payload.count({ collection: 'answers', overrideAccess: true })).totalDocs,
  versions: (await payload.countVersions({ collection: 'answers', overrideAccess: true })).totalDocs,
})

describe('saving an answer body outside the allow-list', () => {
  it('a new draft over REST with the headerState table: 400 naming the node, nothing saved', async () => {
    const question = await createQuestion(payload, type.id)
    const before = await counts()
    const response = await rest.post('/answers?draft=true', {
      cookie,
      json: { question: question.id, title: 'A title that is long enough', cancerType: type.id, body: headerStateTable },
    })
    expect(response.status, response.text).toBe(400)
    expect(errorMessage(response)).toContain('body.root.children[0] (table): node type "table" is not offered by the editor')
    expect(await counts()).toEqual(before)
  })

  it.each([
    [
      'a javascript: link',
      javascriptLink,
      'body.root.children[0].children[0] (link): link address "javascript:window.__xssRan=1" is not allowed',
    ],
    ['an upload node with an inline value', inlineUpload, 'body.root.children[0] (upload): node type "upload" is not offered'],
  ])('editing a draft over REST with %s: 400, the draft unchanged', async (_label, body, message) => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const before = await counts()
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body } })
    expect(response.status, response.text).toBe(400)
    expect(errorMessage(response)).toContain(message)
    expect(await counts()).toEqual(before)
    const after = await payload.findByID({ collection: 'answers', id: draft.id, draft: true, depth: 0, overrideAccess: true })
    expect(after.body).toEqual(draft.body)
  })

  it('the Local API (seed, scripts) is held to the same list, even with overrideAccess', async () => {
    const question = await createQuestion(payload, type.id)
    await expect(
      payload.create({
        collection: 'answers',
        data: { question: question.id, title: 'A title that is long enough', cancerType: type.id, body: headerStateTable as never },
        draft: true,
        overrideAccess: true,
      }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('what the Markdown converter makes (seed, drafter, fixtures) is accepted', async () => {
    const draft = await createCompleteDraft(payload, { cancerTypeId: type.id, sourceId: source.id })
    const response = await rest.patch(`/answers/${draft.id}?draft=true`, { cookie, json: { body: draft.body } })
    expect(response.status, response.text).toBe(200)
  })
})

describe("a model's output", () => {
  async function draftWith(sectionMarkdown: string): Promise<Question> {
    const question = await createQuestion(payload, type.id, {
      text: `Is there a test for this (${Math.random().toString(36).slice(2, 7)})?`,
    })
    fake.respond = (request) => {
      const [first, ...rest] = validDraft(request).sections
      return fake.toolUse(request, 'submit_draft', validDraft(request, { sections: [{ ...first!, markdown: sectionMarkdown }, ...rest] }))
    }
    const queued = await rest.post(`/questions/${question.id}/draft`, { cookie })
    expect(queued.status, queued.text).toBe(202)
    await payload.jobs.run({ queue: 'drafting', limit: 10 })
    return payload.findByID({ collection: 'questions', id: question.id, depth: 0 })
  }

  it('with a javascript: link fails the draft with the reason; no answer is saved', async () => {
    const before = await counts()
    const question = await draftWith('- Read [this page](javascript:window.__xssRan=1) for more. [1]')
    expect(question.status).toBe('draft_failed')
    // A model's text may hold no link at all (the draft's own check, before the rich-text allow-list).
    expect(question.draftFailureReason).toMatch(/sections\.0\.markdown: no links; cite a source with its marker \[n\] alone/)
    expect(await counts()).toEqual(before)
  })

  it('with <script>, <img onerror> and <svg onload> keeps them as text, escaped when rendered', async () => {
    const hostile =
      '- <script>window.__xssRan=1</script> and <img src=x onerror="window.__xssRan=1"> and <svg onload="window.__xssRan=1"> [1]'
    const question = await draftWith(hostile)
    expect(question.status, question.draftFailureReason ?? '').toBe('drafted')
    const [answer] = (
      await payload.find({
        collection: 'answers',
        where: { question: { equals: question.id } },
        draft: true,
        depth: 0,
        overrideAccess: true,
      })
    ).docs
    expect(lexicalToText(answer!.body)).toContain('<img src=x onerror=')
    expect(lexicalToHtml(answer!.body)).not.toMatch(/<script|<img|<svg/)
  })
})
