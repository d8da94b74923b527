import { APIError } from 'payload'

/**
 * Refusals: the request cannot be done as sent, and the message tells the person why. Payload
 * answers `{ errors: [{ message }] }` with the status over REST and throws the same error through
 * the Local API.
 *
 * Each class sets its `name` itself rather than inheriting `constructor.name`: a minifier renames
 * classes, and Payload picks an error's log level by its name (`loggingLevels` in payload.config.ts
 * lists these at info). An APIError without one of these names, such as a real 500, stays at error.
 */
abstract class Refusal extends APIError<null> {
  constructor(message: string, status: number, name: string) {
    super(message, status, null, true)
    this.name = name
  }
}

/** 400: the request itself is wrong (missing or invalid input). */
export class BadRequest extends Refusal {
  constructor(message: string) {
    super(message, 400, 'BadRequest')
  }
}

/** 401: nobody is signed in. */
export class Unauthorized extends Refusal {
  constructor(message: string) {
    super(message, 401, 'Unauthorized')
  }
}

/** 403: signed in, but this person may not do this. */
export class Forbidden extends Refusal {
  constructor(message: string) {
    super(message, 403, 'Forbidden')
  }
}

/** 404: the thing named does not exist (or is not visible to this person). */
export class NotFound extends Refusal {
  constructor(message: string) {
    super(message, 404, 'NotFound')
  }
}

/** 409: valid, but not in the current state of the thing (already published, in review...). */
export class Conflict extends Refusal {
  constructor(message: string) {
    super(message, 409, 'Conflict')
  }
}

/** 413: the request body is larger than this server accepts. */
export class PayloadTooLarge extends Refusal {
  constructor(message: string) {
    super(message, 413, 'PayloadTooLarge')
  }
}

/** 429: too many attempts from this client or for this account; try again later. */
export class TooManyRequests extends Refusal {
  /** When to try again, for the response's `Retry-After` (see withRetryAfter). */
  readonly retryAfterSeconds?: number
  constructor(message: string, retryAfterSeconds?: number) {
    super(message, 429, 'TooManyRequests')
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/**
 * `loggingLevels` for payload.config.ts, by error name: ours above, and Payload's own refusals
 * (field validation, bad queries, failed logins, missing rights). A locked account after repeated
 * failed logins is worth a warning. APIError is deliberately absent. Payload types this option with
 * its own error names only, but looks up any `error.name` at run time.
 */
export const refusalLogLevels: Record<string, 'info' | 'warn'> = {
  BadRequest: 'info',
  Unauthorized: 'info',
  Forbidden: 'info',
  NotFound: 'info',
  Conflict: 'info',
  PayloadTooLarge: 'info',
  TooManyRequests: 'warn',
  ValidationError: 'info',
  QueryError: 'info',
  AuthenticationError: 'info',
  UnauthorizedError: 'info',
  UnverifiedEmail: 'info',
  Locked: 'info',
  LockedAuth: 'warn',
}
