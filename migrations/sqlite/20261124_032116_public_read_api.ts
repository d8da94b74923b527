import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers\` ADD \`public_json\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`search_text\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_public_json\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_search_text\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`public_json\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`search_text\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_public_json\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_search_text\`;`)
}
