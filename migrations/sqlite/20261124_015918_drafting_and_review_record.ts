import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`answers_safety_warnings\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`code\` text,
  	\`where\` text,
  	\`message\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_safety_warnings_order_idx\` ON \`answers_safety_warnings\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`answers_safety_warnings_parent_id_idx\` ON \`answers_safety_warnings\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`answers_source_credits\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`publisher\` text,
  	\`title\` text,
  	\`version\` text,
  	\`url\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_source_credits_order_idx\` ON \`answers_source_credits\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`answers_source_credits_parent_id_idx\` ON \`answers_source_credits\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_answers_v_version_safety_warnings\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`code\` text,
  	\`where\` text,
  	\`message\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_version_safety_warnings_order_idx\` ON \`_answers_v_version_safety_warnings\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_safety_warnings_parent_id_idx\` ON \`_answers_v_version_safety_warnings\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_answers_v_version_source_credits\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`publisher\` text,
  	\`title\` text,
  	\`version\` text,
  	\`url\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_version_source_credits_order_idx\` ON \`_answers_v_version_source_credits\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_source_credits_parent_id_idx\` ON \`_answers_v_version_source_credits\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`model_usage\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`month\` text NOT NULL,
  	\`question_id\` integer,
  	\`answer_id\` integer,
  	\`model\` text NOT NULL,
  	\`prompt_version\` text,
  	\`purpose\` text NOT NULL,
  	\`outcome\` text NOT NULL,
  	\`tokens_in\` numeric DEFAULT 0,
  	\`tokens_out\` numeric DEFAULT 0,
  	\`tokens_cache_read\` numeric DEFAULT 0,
  	\`tokens_cache_write\` numeric DEFAULT 0,
  	\`cost_usd\` numeric,
  	\`latency_ms\` numeric,
  	\`request_id\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`question_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`answer_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`model_usage_month_idx\` ON \`model_usage\` (\`month\`);`)
  await db.run(sql`CREATE INDEX \`model_usage_question_idx\` ON \`model_usage\` (\`question_id\`);`)
  await db.run(sql`CREATE INDEX \`model_usage_answer_idx\` ON \`model_usage\` (\`answer_id\`);`)
  await db.run(sql`CREATE INDEX \`model_usage_updated_at_idx\` ON \`model_usage\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`model_usage_created_at_idx\` ON \`model_usage\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`questions\` ADD \`draft_failure_reason\` text;`)
  await db.run(sql`ALTER TABLE \`questions\` ADD \`draft_job_id\` text;`)
  await db.run(sql`ALTER TABLE \`questions\` ADD \`last_draft_attempt_at\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`provenance_model_calls\` numeric;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_provenance_model_calls\` numeric;`)
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`model_usage_id\` integer REFERENCES model_usage(id) ON UPDATE no action ON DELETE cascade;`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_model_usage_id_idx\` ON \`payload_locked_documents_rels\` (\`model_usage_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`answers_safety_warnings\`;`)
  await db.run(sql`DROP TABLE \`answers_source_credits\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_version_safety_warnings\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_version_source_credits\`;`)
  await db.run(sql`DROP TABLE \`model_usage\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`questions_id\` integer,
  	\`answers_id\` integer,
  	\`approvals_id\` integer,
  	\`guideline_sources_id\` integer,
  	\`cancer_types_id\` integer,
  	\`users_id\` integer,
  	\`notifications_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`questions_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`approvals_id\`) REFERENCES \`approvals\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guideline_sources_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`cancer_types_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "questions_id", "answers_id", "approvals_id", "guideline_sources_id", "cancer_types_id", "users_id", "notifications_id") SELECT "id", "order", "parent_id", "path", "questions_id", "answers_id", "approvals_id", "guideline_sources_id", "cancer_types_id", "users_id", "notifications_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_questions_id_idx\` ON \`payload_locked_documents_rels\` (\`questions_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_answers_id_idx\` ON \`payload_locked_documents_rels\` (\`answers_id\`);`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_approvals_id_idx\` ON \`payload_locked_documents_rels\` (\`approvals_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_guideline_sources_id_idx\` ON \`payload_locked_documents_rels\` (\`guideline_sources_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_cancer_types_id_idx\` ON \`payload_locked_documents_rels\` (\`cancer_types_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`questions\` DROP COLUMN \`draft_failure_reason\`;`)
  await db.run(sql`ALTER TABLE \`questions\` DROP COLUMN \`draft_job_id\`;`)
  await db.run(sql`ALTER TABLE \`questions\` DROP COLUMN \`last_draft_attempt_at\`;`)
  await db.run(sql`ALTER TABLE \`answers\` DROP COLUMN \`provenance_model_calls\`;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` DROP COLUMN \`version_provenance_model_calls\`;`)
}
