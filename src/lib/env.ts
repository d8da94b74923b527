import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { z } from 'zod'

import { resolveDatabase, type DatabaseTarget } from './database/resolveDatabase'

/**
 * The one place that reads process.env. Everything else receives a validated `Env`.
 * A bad value stops start-up with a message that names the variable.
 */

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const rawEnvSchema = z.object({
  DATABASE_URL: z.string().trim().optional(),
  PAYLOAD_SECRET: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SERVER_URL: z.string().trim().url('must be an absolute URL such as https://cms.example.org').optional(),
  SEED_DEMO: booleanString.optional(),
  SEED_ON_START: booleanString.optional(),
  DATA_DIR: z.string().trim().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ANTHROPIC_API_KEY: z.string().trim().min(1).optional(),
  ANTHROPIC_MODEL: z.string().trim().min(1).default('claude-sonnet-5'),
  ANTHROPIC_BASE_URL: z.string().trim().url('must be an absolute URL').optional(),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(120_000),
  ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  CLAIM_VERIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  DRAFTER: z.enum(['auto', 'model', 'extractive']).default('auto'),
  DRAFT_TOP_K: z.coerce.number().int().min(1).max(50).default(8),
  DRAFT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  DRAFT_MAX_TOKENS: z.coerce.number().int().min(256).max(32_000).default(4000),
  DRAFT_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  DRAFT_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  DRAFT_BATCH_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  JOBS_AUTORUN: booleanString.optional(),
  AUTO_SUBMIT_DRAFTS: booleanString.optional(),
  PUBLIC_SITE_ORIGINS: z.string().trim().optional(),
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: booleanString.optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  EMAIL_FROM: z.string().trim().email('must be an email address').default('cms@example.org'),
  EMAIL_FROM_NAME: z.string().trim().min(1).default('Clinician-reviewed answers'),
  EMAIL_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024, 'must be at least 65536 (64 KB)')
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  MAX_IMPORT_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(2 * 1024 * 1024, 'must be at least 2097152 (2 MB): a 1 MB CSV grows when sent as JSON')
    .max(100 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  CREDENTIALS_VERIFICATION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  CREDENTIALS_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PUBLIC_CHANGE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  CDN_PURGE_URL: z.string().trim().url('must be an absolute URL such as https://api.fastly.com/service/ID/purge').optional(),
  CDN_PURGE_AUTH: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]+:\s*\S.*$/, 'must be one header line such as "Authorization: Bearer TOKEN" or "Fastly-Key: KEY"')
    .optional(),
  CDN_MAX_AGE: z.coerce.number().int().min(0).max(31_536_000).optional(),
  CDN_PURGE_REPEAT_MS: z.coerce.number().int().min(0, 'must be 0 (no repeat) or more').max(600_000).optional(),
  PUBLIC_API_RATE_LIMIT: z.coerce.number().int().min(0, 'must be 0 (no limit) or more').max(1_000_000_000).default(300),
  PUBLIC_API_SITE_KEY_RATE_LIMIT: z.coerce.number().int().min(0, 'must be 0 (no limit) or more').max(1_000_000_000).default(6000),
  QUESTION_INTAKE_RATE_LIMIT: z.coerce.number().int().min(0, 'must be 0 (no limit) or more').max(1_000_000_000).default(2000),
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  WEBHOOK_ALLOW_PRIVATE_URLS: booleanString.optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
})

export type Env = {
  database: DatabaseTarget
  payloadSecret: string
  port: number
  serverUrl: string
  /** Whether the seed may create demo logins (always on the embedded default database). */
  seedDemo: boolean
  /** Seed an empty database when the server starts (set by `npm start`; `npm run seed` seeds on demand). */
  seedOnStart: boolean
  dataDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  anthropic: {
    apiKey?: string
    model: string
    baseURL?: string
    timeoutMs: number
    maxRetries: number
  }
  /** Claim verification by Claude (runs only with ANTHROPIC_API_KEY). */
  verification: {
    /** Per-attempt timeout of the verification call; past it the answer is marked "not verified". */
    timeoutMs: number
  }
  drafting: {
    /** auto: Claude when ANTHROPIC_API_KEY is set, otherwise the offline extractive drafter. */
    drafter: 'auto' | 'model' | 'extractive'
    topK: number
    concurrency: number
    maxTokens: number
    jobAttempts: number
    retryDelayMs: number
    /** Submit each new draft for review as soon as it is saved. */
    autoSubmit: boolean
    /** How often a Message Batch is polled until it has ended. */
    batchPollMs: number
  }
  /** Run queued jobs inside the web server (default). Off for separate `payload jobs:run` workers. */
  jobsAutorun: boolean
  /** Browser origins allowed to call the public read API (CORS). */
  publicSiteOrigins: string[]
  /** Unset host: emails stay in the outbox, marked "not sent". */
  smtp: { host?: string; port: number; secure: boolean; user?: string; pass?: string; from: string; fromName: string; retryDelayMs: number }
  /** Largest request body accepted, in bytes: every JSON/form body, and the CSV import's. */
  bodyLimits: BodyLimits
  /** Reviewer credentials: the default months between verifications, and how early admins are reminded. */
  credentials: { verificationMonths: number; reminderDays: number }
  /** Public delivery (README "Public delivery"): change polling across instances and the CDN in front. */
  publicDelivery: {
    /** How often each instance polls the public change log (a change elsewhere is served within this). */
    changePollMs: number
    /** Purge endpoint of the CDN; unset, purges are recorded in the outbox as "not configured". */
    cdnPurgeUrl?: string
    /** One header sent with each purge request, e.g. { name: 'Fastly-Key', value: '...' }. */
    cdnPurgeAuth?: { name: string; value: string }
    /** How long a CDN may keep a public response (s): long when purges are configured, short when not. */
    cdnMaxAgeSeconds: number
    /** How long after a purge was sent it is sent once more (ms; 0: never), see src/lib/cdnPurge/outbox.ts. */
    cdnPurgeRepeatMs: number
  }
  /** Machine clients (README "API keys for machine clients"). */
  apiKeys: {
    /** Public API requests per minute per client address without a key (0: no limit). */
    anonymousPerMinute: number
    /** Public API requests per minute per site key (0: no limit). */
    sitePerMinute: number
    /** Questions an importer key may create per hour through intake (0: no limit). */
    intakePerHour: number
    /** How long an instance trusts its cached lookup of a key: a revocation made elsewhere applies within this. */
    cacheSeconds: number
  }
  /** Webhooks (README "Webhooks"). */
  webhooks: {
    /** Endpoints on loopback or private addresses are refused unless this is set. */
    allowPrivateUrls: boolean
    /** A receiver that has not answered within this counts as failed and is retried. */
    timeoutMs: number
  }
}

export type BodyLimits = { defaultBytes: number; importBytes: number }

export class EnvError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EnvError'
  }
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = rawEnvSchema.safeParse(emptyToUndefined(source))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new EnvError(`Invalid environment: ${problems.join('; ')}`)
  }
  const raw = parsed.data
  const dataDir = path.resolve(raw.DATA_DIR)
  const database = resolveDatabase(raw.DATABASE_URL, dataDir)

  return {
    database,
    payloadSecret: raw.PAYLOAD_SECRET ?? embeddedSecret(database, dataDir),
    port: raw.PORT,
    serverUrl: (raw.SERVER_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    seedDemo: database.isEmbeddedDefault || raw.SEED_DEMO === true,
    seedOnStart: raw.SEED_ON_START ?? false,
    dataDir,
    logLevel: raw.LOG_LEVEL,
    anthropic: {
      apiKey: raw.ANTHROPIC_API_KEY,
      model: raw.ANTHROPIC_MODEL,
      baseURL: raw.ANTHROPIC_BASE_URL,
      timeoutMs: raw.ANTHROPIC_TIMEOUT_MS,
      maxRetries: raw.ANTHROPIC_MAX_RETRIES,
    },
    verification: { timeoutMs: raw.CLAIM_VERIFY_TIMEOUT_MS },
    drafting: {
      drafter: raw.DRAFTER,
      topK: raw.DRAFT_TOP_K,
      concurrency: raw.DRAFT_CONCURRENCY,
      maxTokens: raw.DRAFT_MAX_TOKENS,
      jobAttempts: raw.DRAFT_JOB_ATTEMPTS,
      retryDelayMs: raw.DRAFT_RETRY_DELAY_MS,
      autoSubmit: raw.AUTO_SUBMIT_DRAFTS ?? false,
      batchPollMs: raw.DRAFT_BATCH_POLL_MS,
    },
    jobsAutorun: raw.JOBS_AUTORUN ?? true,
    publicSiteOrigins: (raw.PUBLIC_SITE_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    smtp: {
      host: raw.SMTP_HOST,
      port: raw.SMTP_PORT,
      secure: raw.SMTP_SECURE ?? raw.SMTP_PORT === 465,
      user: raw.SMTP_USER,
      pass: raw.SMTP_PASS,
      from: raw.EMAIL_FROM,
      fromName: raw.EMAIL_FROM_NAME,
      retryDelayMs: raw.EMAIL_RETRY_DELAY_MS,
    },
    bodyLimits: { defaultBytes: raw.MAX_BODY_BYTES, importBytes: raw.MAX_IMPORT_BODY_BYTES },
    credentials: { verificationMonths: raw.CREDENTIALS_VERIFICATION_MONTHS, reminderDays: raw.CREDENTIALS_REMINDER_DAYS },
    publicDelivery: {
      changePollMs: raw.PUBLIC_CHANGE_POLL_MS,
      cdnPurgeUrl: raw.CDN_PURGE_URL,
      cdnPurgeAuth: raw.CDN_PURGE_AUTH ? headerLine(raw.CDN_PURGE_AUTH) : undefined,
      cdnMaxAgeSeconds: raw.CDN_MAX_AGE ?? (raw.CDN_PURGE_URL ? 86_400 : 60),
      // Every other instance has polled the change log twice by then, with a margin for the poll's query.
      cdnPurgeRepeatMs: raw.CDN_PURGE_REPEAT_MS ?? 2 * raw.PUBLIC_CHANGE_POLL_MS + 250,
    },
    apiKeys: {
      anonymousPerMinute: raw.PUBLIC_API_RATE_LIMIT,
      sitePerMinute: raw.PUBLIC_API_SITE_KEY_RATE_LIMIT,
      intakePerHour: raw.QUESTION_INTAKE_RATE_LIMIT,
      cacheSeconds: raw.API_KEY_CACHE_SECONDS,
    },
    webhooks: { allowPrivateUrls: raw.WEBHOOK_ALLOW_PRIVATE_URLS ?? false, timeoutMs: raw.WEBHOOK_TIMEOUT_MS },
  }
}

/**
 * A fresh clone must start with no configuration, so the embedded default database gets a random
 * secret kept beside it. Any other database is a deliberate deployment and must bring its own.
 */
function embeddedSecret(database: DatabaseTarget, dataDir: string): string {
  if (database.kind !== 'sqlite') {
    throw new EnvError(
      'PAYLOAD_SECRET is required when DATABASE_URL points at MongoDB (use 32+ random characters, e.g. `openssl rand -hex 32`).',
    )
  }
  const secretFile = path.join(dataDir, '.payload-secret')
  if (fs.existsSync(secretFile)) return fs.readFileSync(secretFile, 'utf8').trim()
  fs.mkdirSync(dataDir, { recursive: true })
  const secret = crypto.randomBytes(32).toString('hex')
  fs.writeFileSync(secretFile, secret, { mode: 0o600 })
  return secret
}

function headerLine(line: string): { name: string; value: string } {
  const colon = line.indexOf(':')
  return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }
}

function emptyToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(rawEnvSchema.shape)
  return Object.fromEntries(keys.map((key) => [key, source[key] === '' ? undefined : source[key]]))
}
