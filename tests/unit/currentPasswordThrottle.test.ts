/**
 * The current-password throttle (5 checks per account in 15 minutes) holds for guesses sent at the
 * same moment: each is counted before it is hashed. On MongoDB (production) requests to one instance
 * run side by side; nothing else serializes them.
 */
import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { requireCurrentPassword } from '@collections/Users/hooks/requireCurrentPassword'
import { CURRENT_PASSWORD_LIMIT } from '@/lib/auth/currentPassword'

const REAL = 'the real passphrase of the owner'

function storedHash(password: string) {
  const salt = crypto.randomBytes(32).toString('hex')
  const hash = `pbkdf2-sha256-v1:${crypto.pbkdf2Sync(password, salt, 600_000, 32, 'sha256').toString('hex')}`
  return { salt, hash }
}

describe('current password throttle', () => {
  it(`a stolen session sending its guesses at once gets no more than ${CURRENT_PASSWORD_LIMIT.points} of them checked`, async () => {
    const accountId = `account-${crypto.randomUUID()}`
    const stored = { id: accountId, email: 'owner@example.org', ...storedHash(REAL) }
    let checked = 0
    const req = {
      user: { id: accountId, collection: 'users' },
      context: {},
      payload: {
        findByID: async () => {
          checked += 1
          return stored
        },
      },
    }
    const guesses = Array.from({ length: 20 }, (_, i) => `guess number ${i}`)
    const outcomes = await Promise.all(
      guesses.map((guess) =>
        (requireCurrentPassword as unknown as (args: object) => Promise<unknown>)({
          data: { password: 'a brand new passphrase', currentPassword: guess },
          operation: 'update',
          originalDoc: stored,
          req,
        }).then(
          () => 'accepted',
          (error: Error & { status?: number }) => String(error.status ?? error.name),
        ),
      ),
    )
    const tried = outcomes.filter((outcome) => outcome === '400').length
    // Each guess hashed and compared is a guess made: at most the limit, the rest 429.
    expect({ passwordsChecked: checked, answered400: tried }).toEqual({
      passwordsChecked: CURRENT_PASSWORD_LIMIT.points,
      answered400: CURRENT_PASSWORD_LIMIT.points,
    })
  })
})
