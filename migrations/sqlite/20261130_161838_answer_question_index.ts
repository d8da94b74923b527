import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`_answers_v_question_latest_idx\` ON \`_answers_v\` (\`version_question_id\`,\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_parent_latest_idx\` ON \`_answers_v\` (\`parent_id\`,\`latest\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_answers_v_question_latest_idx\`;`)
  await db.run(sql`DROP INDEX \`_answers_v_parent_latest_idx\`;`)
}
