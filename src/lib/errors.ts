import { APIError } from 'payload'

/**
 * Workflow errors with the status a client can act on. Payload returns `{ errors: [{ message }] }`
 * with this status over REST and throws the same error through the Local API.
 */
export const badRequest = (message: string) => new APIError(message, 400, null, true)
export const unauthorized = (message: string) => new APIError(message, 401, null, true)
export const forbidden = (message: string) => new APIError(message, 403, null, true)
export const notFound = (message: string) => new APIError(message, 404, null, true)
export const conflict = (message: string) => new APIError(message, 409, null, true)
export const tooManyRequests = (message: string) => new APIError(message, 429, null, true)
