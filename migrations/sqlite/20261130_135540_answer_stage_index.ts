import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql`CREATE INDEX \`_answers_v_latest_stage_due_idx\` ON \`_answers_v\` (\`latest\`,\`version_workflow_stage\`,\`version_review_due_at\`,\`parent_id\`,\`created_at\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_answers_v_latest_stage_due_idx\`;`)
}
