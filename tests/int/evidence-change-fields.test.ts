/** Evidence changes' answers, answersFlagged and outcomes are for editors and admins: a reviewer can neither read nor filter by them. */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { GuidelineSource } from '@/payload-types'
import { PASSWORD, createCancerType, createCompleteDraft, createSource, createUser } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

delete process.env.ANTHROPIC_API_KEY
Object.assign(process.env, { JOBS_AUTORUN: 'false' })
const { startPayload, stopPayload } = await import('../helpers/payload')

let payload: Payload
let rest: RestClient
beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
})
afterAll(async () => stopPayload(payload))

describe('a reviewer cannot query the hidden evidence-change fields', () => {
  it('where on answers / answers.title and sort on answersFlagged tell nothing', async () => {
    const type = await createCancerType(payload)
    const editor = await createUser(payload, { roles: ['editor'] })
    const outsider = await createUser(payload, { roles: ['reviewer'], specialties: [type.id] })
    const flagged = await createSource(payload, type.id)
    const quiet = await createSource(payload, type.id)
    const secret = await createCompleteDraft(
      payload,
      { cancerTypeId: type.id, sourceId: flagged.id },
      { title: 'Unreleased draft: proton therapy' },
    )
    const editorCookie = await rest.login(editor.email, PASSWORD)
    for (const source of [flagged, quiet]) {
      const current = (await payload.findByID({ collection: 'guideline-sources', id: source.id, depth: 0 })) as GuidelineSource
      const passages = (current.passages ?? []).map((p) => (p.passageId === 'p-one' ? { ...p, text: 'Corrected guidance for p-one.' } : p))
      expect((await rest.patch(`/guideline-sources/${source.id}`, { cookie: editorCookie, json: { passages } })).status).toBe(200)
    }
    await payload.jobs.run({ queue: 'lifecycle' })
    const cookie = await rest.login(outsider.email, PASSWORD)
    const hit = await rest.get(`/evidence-changes?where[answers][contains]=${secret.id}`, { cookie })
    const titled = await rest.get(`/evidence-changes?where[answers.title][like]=proton`, { cookie })
    const count = await rest.get(`/evidence-changes?where[answersFlagged][greater_than]=0`, { cookie })
    const summary = (r: { status: number; body: { docs?: unknown[] } }) => ({ status: r.status, n: r.body?.docs?.length ?? 0 })
    expect({ hit: summary(hit), titled: summary(titled), count: summary(count) }).toEqual({
      hit: { status: hit.status, n: 0 },
      titled: { status: titled.status, n: 0 },
      count: { status: count.status, n: 0 },
    })
    const asc = await rest.get(`/evidence-changes?sort=answersFlagged&limit=10`, { cookie })
    const desc = await rest.get(`/evidence-changes?sort=-answersFlagged&limit=10`, { cookie })
    console.log('SORT', asc.status, asc.text.slice(0, 300), desc.status)
  })
})
