import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers\` ADD \`claim_verification\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_claim_verification\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`claim_verification\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_claim_verification\`;`)
}
