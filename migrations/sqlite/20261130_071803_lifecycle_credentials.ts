import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`answers\` ADD \`review_cycle\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`live_notice_kind\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`live_notice_since\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`live_notice_until\` text;`)
  await db.run(sql`CREATE INDEX \`answers_live_notice_live_notice_kind_idx\` ON \`answers\` (\`live_notice_kind\`);`)
  await db.run(sql`CREATE INDEX \`answers_live_notice_live_notice_until_idx\` ON \`answers\` (\`live_notice_until\`);`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_review_cycle\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_live_notice_kind\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_live_notice_since\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_live_notice_until\` text;`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_live_notice_version_live_notice_kind_idx\` ON \`_answers_v\` (\`version_live_notice_kind\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_live_notice_version_live_notice_until_idx\` ON \`_answers_v\` (\`version_live_notice_until\`);`,
  )
  await db.run(sql`ALTER TABLE \`approvals\` ADD \`review_cycle\` numeric;`)
  await db.run(sql`CREATE INDEX \`approvals_review_cycle_idx\` ON \`approvals\` (\`review_cycle\`);`)
  await db.run(sql`ALTER TABLE \`cancer_types\` ADD \`evidence_notice_days\` numeric DEFAULT 14;`)
  await db.run(sql`ALTER TABLE \`cancer_types\` ADD \`review_lead_days\` numeric DEFAULT 30;`)
  await db.run(sql`ALTER TABLE \`cancer_types\` ADD \`overdue_policy\` text DEFAULT 'notice';`)
  await db.run(sql`ALTER TABLE \`cancer_types\` ADD \`overdue_grace_days\` numeric DEFAULT 14;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`credentials_interval_months\` numeric;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`credentials_lapse_reminded_for\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`answers_live_notice_live_notice_kind_idx\`;`)
  await db.run(sql`DROP INDEX \`answers_live_notice_live_notice_until_idx\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`review_cycle\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`live_notice_kind\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`live_notice_since\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`live_notice_until\`;`)
  await db.run(sql`DROP INDEX \`_answers_v_version_live_notice_version_live_notice_kind_idx\`;`)
  await db.run(sql`DROP INDEX \`_answers_v_version_live_notice_version_live_notice_until_idx\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_review_cycle\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_live_notice_kind\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_live_notice_since\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_live_notice_until\`;`)
  await db.run(sql`DROP INDEX \`approvals_review_cycle_idx\`;`)
  await db.run(sql`ALTER TABLE \`approvals\` DROP COLUMN \`review_cycle\`;`)
  await db.run(sql`ALTER TABLE \`cancer_types\` DROP COLUMN \`evidence_notice_days\`;`)
  await db.run(sql`ALTER TABLE \`cancer_types\` DROP COLUMN \`review_lead_days\`;`)
  await db.run(sql`ALTER TABLE \`cancer_types\` DROP COLUMN \`overdue_policy\`;`)
  await db.run(sql`ALTER TABLE \`cancer_types\` DROP COLUMN \`overdue_grace_days\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`credentials_interval_months\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`credentials_lapse_reminded_for\`;`)
}
