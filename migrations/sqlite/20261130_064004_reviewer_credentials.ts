import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`credentials_interval_months\` numeric;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`credentials_lapse_reminded_for\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`credentials_interval_months\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`credentials_lapse_reminded_for\`;`)
}
