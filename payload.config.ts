import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { Answers } from './collections/Answers'
import { ApiKeys } from './collections/ApiKeys'
import { Approvals } from './collections/Approvals'
import { CancerTypes } from './collections/CancerTypes'
import { ClaimChecks } from './collections/ClaimChecks'
import { EvidenceChanges } from './collections/EvidenceChanges'
import { GuidelineSources } from './collections/GuidelineSources'
import { ModelUsage } from './collections/ModelUsage'
import { Notifications } from './collections/Notifications'
import { CdnPurges } from './collections/CdnPurges'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { WebhookEndpoints } from './collections/WebhookEndpoints'
import { PublicChanges } from './collections/PublicChanges'
import { Questions } from './collections/Questions'
import { QuestionImports } from './collections/QuestionImports'
import { Users } from './collections/Users'
import { WorkflowEvents } from './collections/WorkflowEvents'
import { WorkLeases } from './collections/WorkLeases'
import { USERS } from './collections/slugs'
import { withNulByteCheck } from './hooks/refuseNulBytes'
import { withQueryChecks } from './hooks/rejectMalformedFilters'
import { keepServerTimestampsEverywhere } from './hooks/keepServerTimestamps'
import { databaseAdapter } from './src/lib/database/adapter'
import { adapterNeutralIds } from './src/lib/database/adapterNeutralIds'
import { assertTransactions } from './src/lib/database/assertTransactions'
import { afterMigrations, migratedAtConnect } from './src/lib/database/migrate'
import { prepareMongoDatabase } from './src/lib/database/prepareMongo'
import { editor } from './src/lib/editor'
import { loadEnv } from './src/lib/env'
import { isAdmin } from './src/access/isAdmin'
import { restrictEditLocks } from './src/access/editLocks'
import { DRAFTING_QUEUE, draftAnswerTask } from './src/jobs/draftAnswer'
import { importDraftBatchTask, submitDraftBatchTask } from './src/jobs/draftBatch'
import { EMAIL_QUEUE, sendNotificationTask } from './src/jobs/sendNotification'
import { CDN_PURGE_QUEUE, sendCdnPurgeTask } from './src/jobs/sendCdnPurge'
import { sendWebhookTask, WEBHOOK_QUEUE } from './src/jobs/sendWebhooks'
import { requestPasswordResetTask } from './src/jobs/requestPasswordReset'
import { VERIFICATION_QUEUE, verifyClaimsTask } from './src/jobs/verifyClaims'
import { startReviewReminders } from './src/jobs/remindOverdueReviews'
import { startOutboxSweep } from './src/jobs/sweepOverdueOutbox'
import { flagEvidenceChangeTask, LIFECYCLE_QUEUE } from './src/jobs/flagEvidenceChange'
import { emailAdapter } from './src/lib/email/adapter'
import { drafterLabel } from './src/lib/drafting/draftQuestion'
import { refusalLogLevels } from './src/lib/errors'
import { seedOnStart } from './seed/index'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = loadEnv()

export default buildConfig({
  serverURL: env.serverUrl,
  secret: env.payloadSecret,
  admin: {
    user: USERS,
    importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' - Clinician-reviewed answers' },
    // Payload's default avatar loads from gravatar.com; the admin must not call out to third parties.
    avatar: 'default',
    components: {
      beforeNavLinks: ['/src/components/admin/shared/AdminNavLinks#AdminNavLinks'],
      beforeDashboard: ['/src/components/admin/dashboard/EditorialDashboard#EditorialDashboard'],
      views: {
        backlog: { Component: '/src/components/admin/backlog/BacklogView#BacklogView', path: '/backlog' },
        review: { Component: '/src/components/admin/review/ReviewView#ReviewView', path: '/review/:id' },
        questionImport: { Component: '/src/components/admin/import/ImportView#ImportView', path: '/import' },
      },
    },
  },
  // Cross-collection: a NUL character in any text is refused on every write (hooks/refuseNulBytes.ts),
  // a filter value its field cannot hold on every query, and an anonymous read of more than 100 at
  // once (hooks/rejectMalformedFilters.ts); the server alone dates what is written (hooks/keepServerTimestamps.ts).
  collections: [
    Questions,
    Answers,
    Approvals,
    GuidelineSources,
    CancerTypes,
    Users,
    Notifications,
    ModelUsage,
    QuestionImports,
    WorkflowEvents,
    ClaimChecks,
    EvidenceChanges,
    CdnPurges,
    PublicChanges,
    ApiKeys,
    WebhookEndpoints,
    WebhookDeliveries,
    WorkLeases,
  ]
    .map(withNulByteCheck)
    .map(withQueryChecks),
  jobs: {
    tasks: [
      draftAnswerTask(env),
      submitDraftBatchTask(env),
      importDraftBatchTask(env),
      sendNotificationTask(env),
      requestPasswordResetTask,
      verifyClaimsTask(env),
      flagEvidenceChangeTask,
      sendCdnPurgeTask,
      sendWebhookTask,
    ],
    // Jobs run in the background (autoRun or workers), never inside a person's web request.
    access: { queue: isAdmin, run: isAdmin, cancel: isAdmin },
    // In-process by default; production workers run `payload jobs:run --queue drafting` (and `--queue verification`, `--queue lifecycle`, `--queue cdn-purge`, `--queue webhooks`) instead.
    autoRun: env.jobsAutorun
      ? [
          { cron: '*/5 * * * * *', queue: DRAFTING_QUEUE, limit: env.drafting.concurrency * 2 },
          { cron: '*/10 * * * * *', queue: EMAIL_QUEUE, limit: 20 },
          { cron: '*/5 * * * * *', queue: VERIFICATION_QUEUE, limit: env.drafting.concurrency },
          // Evidence changes flag the answers citing them within one cycle (issue 14).
          { cron: '*/5 * * * * *', queue: LIFECYCLE_QUEUE, limit: 10 },
          // Retries of CDN purges (the first attempt is made right after the commit, not here).
          { cron: '*/5 * * * * *', queue: CDN_PURGE_QUEUE, limit: 20 },
          // Retries of webhook deliveries (likewise first sent right after the commit).
          { cron: '*/5 * * * * *', queue: WEBHOOK_QUEUE, limit: 20 },
        ]
      : [],
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      admin: { ...defaultJobsCollection.admin, hidden: false, group: 'System' },
    }),
  },
  // The admin's not-found page (HTTP 404) also answers a reviewer who opens an answer not assigned to
  // them (/admin/review/ID), without saying whether it exists.
  i18n: { translations: { en: { general: { sorryNotFound: 'This page or answer does not exist, or it is not assigned to you.' } } } },
  editor,
  email: emailAdapter(env.smtp),
  db: databaseAdapter(env.database),
  graphQL: { disablePlaygroundInProduction: true },
  // Types come from `npm run generate:types` and are committed: nothing at run time rewrites them
  // (on by default outside production, a start against MongoDB would rewrite them with string ids).
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false, schema: [adapterNeutralIds] },
  logger: { options: { level: env.logLevel } },
  // Refused requests log one info line without a stack; a real fault (any other error, an APIError
  // 500 included) stays at error. See src/lib/errors.ts.
  loggingLevels: refusalLogLevels,
  custom: { drafter: drafterLabel(env), bodyLimits: env.bodyLimits },
  onInit: async (payload) => {
    assertTransactions(payload)
    // SQLite's migrations add indexes and fill derived fields; MongoDB has none, so it does both here.
    if (payload.db.name === 'mongoose') await prepareMongoDatabase(payload)
    if (migratedAtConnect(payload)) await afterMigrations(payload)
    // In the server's own process: a separate seeding process cost each start 10-20 s of loading.
    if (env.seedOnStart) await seedOnStart(payload, { allowDemo: env.seedDemo })
    if (env.jobsAutorun) {
      startReviewReminders(payload)
      startOutboxSweep(payload)
    }
  },
  telemetry: false,
})
  .then(restrictEditLocks)
  .then(keepServerTimestampsEverywhere)
