import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers_safety_warnings\` ADD \`severity\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v_version_safety_warnings\` ADD \`severity\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers_safety_warnings\` DROP COLUMN \`severity\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v_version_safety_warnings\` DROP COLUMN \`severity\`;`)
}
