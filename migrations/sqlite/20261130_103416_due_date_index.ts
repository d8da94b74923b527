import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`_status_nextReviewDue_idx\` ON \`answers\` (\`_status\`,\`next_review_due\`);`)
  await db.run(
    sql`CREATE INDEX \`version__status_version_nextReviewDue_idx\` ON \`_answers_v\` (\`version__status\`,\`version_next_review_due\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_nextReviewDue_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_nextReviewDue_idx\`;`)
}
