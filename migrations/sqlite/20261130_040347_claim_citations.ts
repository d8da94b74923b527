import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers_citations\` ADD \`claim_citation\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`answers_safety_warnings\` ADD \`claim\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v_version_citations\` ADD \`claim_citation\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_answers_v_version_safety_warnings\` ADD \`claim\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers_citations\` DROP COLUMN \`claim_citation\`;`)
  await db.run(sql`ALTER TABLE \`answers_safety_warnings\` DROP COLUMN \`claim\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v_version_citations\` DROP COLUMN \`claim_citation\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v_version_safety_warnings\` DROP COLUMN \`claim\`;`)
}
