/**
 * Field-level rules: what the public may never see (DESIGN.md trust rule 1), secrets that never
 * leave the server, and privileges nobody can grant themselves.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Answer, CancerType, GuidelineSource, User } from '@/payload-types'
import { PASSWORD, approveAs, createAnswerInReview, createCancerType, createSource, createUser } from '../helpers/fixtures'
import { startPayload, stopPayload } from '../helpers/payload'
import { RestClient, errorMessage } from '../helpers/rest'

let payload: Payload
let rest: RestClient
let type: CancerType
let source: GuidelineSource
let admin: User, editor: User, reviewer: User
let live: Answer

const INTERNAL_ANSWER_FIELDS = ['provenance', 'contentHash', 'assignedReviewers', 'workflowStage', 'highRisk', 'lastEditedBy', 'reviewedBy']
const SECRET_KEYS = ['password', 'hash', 'salt', 'token', 'resetPasswordToken', 'resetPasswordExpiration', '_verificationToken', 'apiKey']

/** Every key anywhere in a JSON value. */
function allKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => allKeys(item, keys))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      keys.add(key)
      allKeys(child, keys)
    }
  }
  return keys
}

beforeAll(async () => {
  payload = await startPayload()
  rest = new RestClient(payload)
  type = await createCancerType(payload)
  source = await createSource(payload, type.id)
  admin = await createUser(payload, { roles: ['admin'], name: 'Ada Admin' })
  editor = await createUser(payload, { roles: ['editor'], name: 'Eddie Editor' })
  reviewer = await createUser(payload, { roles: ['reviewer'], name: 'Dr Rita Reviewer', credentials: 'MD, FACS', specialties: [type.id] })
  live = await createAnswerInReview(payload, { cancerTypeId: type.id, sourceId: source.id, reviewers: [reviewer] })
  await approveAs(payload, reviewer, live.id)
})
afterAll(async () => stopPayload(payload))

describe('what the public sees of a published answer', () => {
  it('has the clinical content and the reviewer credit, and none of the internal fields', async () => {
    const response = await rest.get(`/answers/${live.id}?depth=2`)
    expect(response.status).toBe(200)
    expect(response.body.title).toBe(live.title)
    expect(response.body.reviewCredits).toEqual([expect.objectContaining({ name: 'Dr Rita Reviewer', credentials: 'MD, FACS' })])
    for (const field of INTERNAL_ANSWER_FIELDS) expect(response.body, field).not.toHaveProperty(field)
  })

  it('never contains an email address, even fully populated', async () => {
    for (const path of [`/answers/${live.id}?depth=3`, '/answers?depth=3', `/answers?depth=3&draft=true`]) {
      const response = await rest.get(path)
      expect(response.status).toBe(200)
      expect(response.text).not.toMatch(/@example\.org/)
    }
  })

  it('keeps serving the live version while a newer draft is in review, even with ?draft=true', async () => {
    const edited = await rest.patch(`/answers/${live.id}?draft=true`, {
      cookie: await rest.login(editor.email, PASSWORD),
      json: { summary: 'UNREVIEWED WORDING' },
    })
    expect(edited.status, edited.text).toBe(200)
    for (const path of [`/answers/${live.id}`, `/answers/${live.id}?draft=true`, '/answers?draft=true', '/answers']) {
      const response = await rest.get(path)
      expect(response.status).toBe(200)
      expect(response.text, path).not.toContain('UNREVIEWED WORDING')
    }
    // The team does see the draft.
    const team = await rest.get(`/answers/${live.id}?draft=true`, { cookie: await rest.login(editor.email, PASSWORD) })
    expect(team.body.summary).toBe('UNREVIEWED WORDING')
  })

  it('cannot list versions, approvals, notifications, users or sources', async () => {
    for (const path of ['/answers/versions', '/approvals', '/notifications', '/users', '/guideline-sources', '/questions']) {
      const response = await rest.get(path)
      expect(response.status, path).toBe(403)
    }
  })

  it('cannot reach drafts or internals through GraphQL either', async () => {
    const response = await rest.graphql(`{ Answers(draft: true) { docs { id title summary } } Users { docs { email } } }`)
    expect(response.text).not.toContain('UNREVIEWED WORDING')
    expect(response.text).not.toMatch(/@example\.org/)
    expect(response.text).toMatch(/not allowed|Forbidden/i)
  })
})

describe('secrets never appear in a response', () => {
  it('login answers with the user but no token in the body', async () => {
    const response = await rest.post('/users/login', { json: { email: editor.email, password: PASSWORD } })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/payload-token=/)
    const keys = allKeys(response.body)
    for (const key of SECRET_KEYS) expect(keys.has(key), key).toBe(false)
  })

  it('no user read (me, by id, list, populated) exposes password material or tokens', async () => {
    const cookie = await rest.login(admin.email, PASSWORD)
    const responses = await Promise.all([
      rest.get('/users/me', { cookie }),
      rest.get(`/users/${editor.id}`, { cookie }),
      rest.get('/users?limit=100&depth=2', { cookie }),
      rest.get(`/answers/${live.id}?depth=2&draft=true`, { cookie }),
      rest.post('/users/refresh-token', { cookie }),
    ])
    for (const response of responses) {
      expect(response.status, response.text).toBe(200)
      const keys = allKeys(response.body)
      for (const key of SECRET_KEYS) expect(keys.has(key), `${key} in ${response.text.slice(0, 80)}`).toBe(false)
    }
  })

  it('session records (ids and expiry, no token) are visible only to their owner', async () => {
    const cookie = await rest.login(admin.email, PASSWORD)
    await rest.login(editor.email, PASSWORD)
    const own = await rest.get('/users/me', { cookie })
    expect(own.body.user.sessions.length).toBeGreaterThan(0)
    for (const session of own.body.user.sessions) expect(Object.keys(session).sort()).toEqual(['createdAt', 'expiresAt', 'id'])
    const someoneElse = await rest.get(`/users/${editor.id}`, { cookie })
    const editorInDb = await payload.findByID({ collection: 'users', id: editor.id, overrideAccess: true, showHiddenFields: true })
    expect(editorInDb.sessions?.length).toBeGreaterThan(0)
    expect(someoneElse.body.sessions ?? []).toEqual([])
  })
})

describe('nobody grants themselves privileges', () => {
  it('an editor cannot give themselves a role: 403 with a reason, roles unchanged', async () => {
    const cookie = await rest.login(editor.email, PASSWORD)
    const response = await rest.patch(`/users/${editor.id}`, { cookie, json: { roles: ['admin'] } })
    expect(response.status).toBe(403)
    expect(errorMessage(response)).toMatch(/Only an admin can change roles/)
    const after = await payload.findByID({ collection: 'users', id: editor.id })
    expect(after.roles).toEqual(['editor'])
  })

  it('an admin cannot change their own roles, but can change someone else’s', async () => {
    const cookie = await rest.login(admin.email, PASSWORD)
    const own = await rest.patch(`/users/${admin.id}`, { cookie, json: { roles: ['admin', 'reviewer'] } })
    expect(own.status).toBe(403)
    expect(errorMessage(own)).toMatch(/their own roles/)
    const other = await createUser(payload, { roles: ['editor'] })
    const changed = await rest.patch(`/users/${other.id}`, { cookie, json: { roles: ['editor', 'reviewer'] } })
    expect(changed.status, changed.text).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: other.id })).roles).toEqual(['editor', 'reviewer'])
  })

  it('a reviewer cannot edit their own credentials, specialties or active flag, but can declare a conflict', async () => {
    const cookie = await rest.login(reviewer.email, PASSWORD)
    for (const data of [
      { credentials: 'MD, PhD, Nobel' },
      { specialties: [] },
      { active: false },
      { credentialsVerifiedOn: '2030-01-01' },
    ]) {
      const response = await rest.patch(`/users/${reviewer.id}`, { cookie, json: data })
      expect(response.status, JSON.stringify(data)).toBe(403)
    }
    const unchanged = await payload.findByID({ collection: 'users', id: reviewer.id, depth: 0 })
    expect(unchanged.credentials).toBe('MD, FACS')
    expect(unchanged.specialties).toEqual([type.id])
    const conflict = await rest.patch(`/users/${reviewer.id}`, {
      cookie,
      json: { conflictsOfInterest: [{ statement: 'Consulting for a drug maker', declaredOn: '2026-01-01' }] },
    })
    expect(conflict.status, conflict.text).toBe(200)
  })

  it('sending unchanged privileged values (as the admin form does) is not an error', async () => {
    const cookie = await rest.login(reviewer.email, PASSWORD)
    const response = await rest.patch(`/users/${reviewer.id}`, {
      cookie,
      json: { name: 'Dr Rita Reviewer', roles: ['reviewer'], specialties: [type.id] },
    })
    expect(response.status, response.text).toBe(200)
  })

  it('a person registering the first account of an empty database becomes admin; later sign-ups are refused', async () => {
    // This database already has users, so first-register is closed.
    const response = await rest.post('/users/first-register', {
      json: { email: 'late@example.org', password: PASSWORD, name: 'Late', roles: ['admin'] },
    })
    expect(response.status).toBe(403)
    const anonymousCreate = await rest.post('/users', {
      json: { email: 'sneaky@example.org', password: PASSWORD, name: 'Sneaky', roles: ['admin'] },
    })
    expect(anonymousCreate.status).toBe(403)
    expect(await payload.count({ collection: 'users', where: { email: { in: ['late@example.org', 'sneaky@example.org'] } } })).toEqual({
      totalDocs: 0,
    })
  })
})
