import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_due_at\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_reminded_at\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_escalated_at\` text;`)
  await db.run(sql`CREATE INDEX \`answers_review_due_at_idx\` ON \`answers\` (\`review_due_at\`);`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_review_due_at\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_review_reminded_at\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_review_escalated_at\` text;`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_review_due_at_idx\` ON \`_answers_v\` (\`version_review_due_at\`);`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`DROP INDEX \`answers_review_due_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`review_due_at\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`review_reminded_at\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`review_escalated_at\`;`)
  await db.run(sql`DROP INDEX \`_answers_v_version_version_review_due_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_review_due_at\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_review_reminded_at\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_review_escalated_at\`;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
