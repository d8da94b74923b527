import { APIError, formatErrors, logError, type Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { BadRequest, Conflict, Forbidden, NotFound, refusalLogLevels, Unauthorized } from '@/lib/errors'

/** Payload's own logError, with the project's loggingLevels and a logger that records calls. */
function logged(error: unknown) {
  const calls: { level: string; entry: Record<string, unknown> }[] = []
  const record = (level: string) => (entry: Record<string, unknown>) => calls.push({ level, entry })
  const logger = { info: record('info'), warn: record('warn'), error: record('error') }
  logError({ err: error, payload: { config: { loggingLevels: refusalLogLevels }, logger } as unknown as Payload })
  return calls
}

const refusals = [
  [BadRequest, 400, 'BadRequest'],
  [Unauthorized, 401, 'Unauthorized'],
  [Forbidden, 403, 'Forbidden'],
  [NotFound, 404, 'NotFound'],
  [Conflict, 409, 'Conflict'],
] as const

describe('named refusals', () => {
  for (const [Refusal, status, name] of refusals) {
    it(`${name}: an APIError with status ${status}, a public message and its own name`, () => {
      const error = new Refusal('Question 7 does not exist.')
      expect(error).toBeInstanceOf(APIError)
      expect(error).toMatchObject({ status, name, isPublic: true, message: 'Question 7 does not exist.' })
      expect(formatErrors(error)).toEqual({ errors: [{ message: 'Question 7 does not exist.' }] })
    })

    it(`${name}: logged as one info line, without the error object and its stack`, () => {
      expect(logged(new Refusal('Refused.'))).toEqual([{ level: 'info', entry: { msg: 'Refused.' } }])
    })
  }

  it('keep their names when a minifier renames the classes (as in the production bundle)', () => {
    const original = Object.getOwnPropertyDescriptor(NotFound, 'name')!
    Object.defineProperty(NotFound, 'name', { value: 't0' })
    try {
      expect(new NotFound('Gone.').name).toBe('NotFound')
      expect(logged(new NotFound('Gone.'))[0]!.level).toBe('info')
    } finally {
      Object.defineProperty(NotFound, 'name', original)
    }
  })

  it("Payload's own bare refusals (an APIError with a 4xx status and no name of its own, such as Invalid JSON) are one info line too (patched)", () => {
    expect(logged(new APIError('Invalid JSON', 400))).toEqual([{ level: 'info', entry: { msg: 'Invalid JSON' } }])
    expect(logged(new APIError('Token is either invalid or has expired.', 403))[0]!.level).toBe('info')
  })

  it('a real fault raised as an APIError (500) is still logged as an error, with the error', () => {
    const calls = logged(new APIError('The database went away.', 500))
    expect(calls).toHaveLength(1)
    expect(calls[0]!.level).toBe('error')
    expect(calls[0]!.entry.err).toBeInstanceOf(APIError)
    expect(refusalLogLevels.APIError).toBeUndefined()
  })
})
