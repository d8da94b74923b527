import crypto from 'node:crypto'

/**
 * API keys: `ck_` + 32 random bytes in base64url (43 characters). Only the SHA-256 of a key is
 * stored. A slow password hash (bcrypt, PBKDF2) protects passwords people choose, which are few
 * enough to guess offline; a 256-bit random key cannot be guessed from its SHA-256, so slowness
 * would add nothing but cost, and SHA-256 lets a request find its key with one indexed equality
 * lookup (a salted hash would mean trying every key).
 */
export const KEY_PREFIX = 'ck_'
export const KEY_FORMAT = /^ck_[A-Za-z0-9_-]{43}$/
/** How much of a key the admin list shows: `ck_` and 6 more characters, enough to tell keys apart. */
export const SHOWN_PREFIX_LENGTH = 9

export const newApiKey = (): string => KEY_PREFIX + crypto.randomBytes(32).toString('base64url')

export const hashApiKey = (key: string): string => crypto.createHash('sha256').update(key).digest('hex')

export const shownPrefix = (key: string): string => key.slice(0, SHOWN_PREFIX_LENGTH)

/**
 * The key in `Authorization: Bearer ck_...`, or undefined when the request does not carry one (no
 * header, another scheme, or a Bearer token that is not ours, such as a Payload session token).
 */
export function bearerApiKey(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined
  const match = /^Bearer\s+(ck_\S*)\s*$/i.exec(authorization)
  return match?.[1]
}
