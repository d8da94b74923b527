import crypto from 'node:crypto'

/**
 * Standard Webhooks signatures (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (Unix
 * seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the
 * secret's bytes (`whsec_` + base64). Receivers refuse a timestamp outside TOLERANCE_SECONDS, so a
 * captured request cannot be replayed later; `webhook-id` stays the same across retries, so they
 * can drop a message they already processed.
 */

export const SECRET_PREFIX = 'whsec_'
/** Fewer bytes than this and the key is guessable; the spec allows 24 to 64, we ask for 32. */
export const MIN_SECRET_BYTES = 32
export const MAX_SECRET_BYTES = 64
export const TOLERANCE_SECONDS = 5 * 60

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookVerificationError'
  }
}

/** A new secret: 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(MIN_SECRET_BYTES).toString('base64')
}

/** The key bytes of a secret, or a sentence saying what is wrong with it. */
export function secretKey(secret: string): Buffer | string {
  if (!secret.startsWith(SECRET_PREFIX)) return `A webhook secret starts with "${SECRET_PREFIX}" followed by base64.`
  const encoded = secret.slice(SECRET_PREFIX.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return `A webhook secret is "${SECRET_PREFIX}" followed by base64 (A-Z, a-z, 0-9, +, /).`
  const key = Buffer.from(encoded, 'base64')
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES)
    return `A webhook secret must hold ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} random bytes (it holds ${key.length}).`
  return key
}

function keyOf(secret: string): Buffer {
  const key = secretKey(secret)
  if (typeof key === 'string') throw new WebhookVerificationError(key)
  return key
}

const hmac = (key: Buffer, id: string, timestamp: number | string, body: string) =>
  crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')

export type SignedHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }

/** The three headers of one delivery attempt of message `id` with `body`, signed now (or at `timestamp`). */
export function signWebhook(
  secret: string,
  { id, body, timestamp = Math.floor(Date.now() / 1000) }: { id: string; body: string; timestamp?: number },
): SignedHeaders {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${hmac(keyOf(secret), id, timestamp, body)}` }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>

const header = (headers: HeaderSource, name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const value = headers[name] ?? headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/**
 * What a receiver does with a request (the README's example is this function): checks the three
 * headers against the raw body and the secret, refuses a timestamp more than TOLERANCE_SECONDS away
 * from `now`, and returns the parsed body. Throws WebhookVerificationError otherwise.
 */
export function verifyWebhook(
  secret: string,
  headers: HeaderSource,
  body: string,
  { now = Date.now(), toleranceSeconds = TOLERANCE_SECONDS }: { now?: number; toleranceSeconds?: number } = {},
): unknown {
  const id = header(headers, 'webhook-id')
  const timestamp = header(headers, 'webhook-timestamp')
  const signatures = header(headers, 'webhook-signature')
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature.')
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number of seconds.')
  if (Math.abs(Math.floor(now / 1000) - Number(timestamp)) > toleranceSeconds)
    throw new WebhookVerificationError('webhook-timestamp is outside the tolerance window (a replayed or delayed request).')
  const expected = Buffer.from(hmac(keyOf(secret), id, timestamp, body))
  // The header may carry several space-separated signatures (during a secret rotation): one must match.
  const matches = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2)
    if (version !== 'v1' || !signature) return false
    const given = Buffer.from(signature)
    return given.length === expected.length && crypto.timingSafeEqual(given, expected)
  })
  if (!matches) throw new WebhookVerificationError('No webhook-signature matches the body and the secret.')
  return JSON.parse(body) as unknown
}
