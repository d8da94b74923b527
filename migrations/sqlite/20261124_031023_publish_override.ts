import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql`ALTER TABLE \`answers\` ADD \`publish_override_by_id\` integer REFERENCES users(id) ON UPDATE no action ON DELETE set null;`,
  )
  await db.run(sql`ALTER TABLE \`answers\` ADD \`publish_override_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`publish_override_reason\` text;`)
  await db.run(sql`ALTER TABLE \`answers\` ADD \`publish_override_at\` text;`)
  await db.run(sql`CREATE INDEX \`answers_publish_override_publish_override_by_idx\` ON \`answers\` (\`publish_override_by_id\`);`)
  await db.run(
    sql`ALTER TABLE \`_answers_v\` ADD \`version_publish_override_by_id\` integer REFERENCES users(id) ON UPDATE no action ON DELETE set null;`,
  )
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_publish_override_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_publish_override_reason\` text;`)
  await db.run(sql`ALTER TABLE \`_answers_v\` ADD \`version_publish_override_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_publish_override_version_publish_over_idx\` ON \`_answers_v\` (\`version_publish_override_by_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_answers\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`question_id\` integer,
  	\`title\` text,
  	\`slug\` text,
  	\`cancer_type_id\` integer,
  	\`summary\` text,
  	\`body\` text,
  	\`key_takeaway\` text,
  	\`workflow_stage\` text DEFAULT 'draft',
  	\`high_risk\` integer DEFAULT false,
  	\`review_due_at\` text,
  	\`review_reminded_at\` text,
  	\`review_escalated_at\` text,
  	\`content_hash\` text,
  	\`last_edited_by_id\` integer,
  	\`provenance_drafted_by\` text,
  	\`provenance_author_id\` integer,
  	\`provenance_model_id\` text,
  	\`provenance_prompt_version\` text,
  	\`provenance_passage_ids\` text,
  	\`provenance_tokens_in\` numeric,
  	\`provenance_tokens_out\` numeric,
  	\`provenance_tokens_cache_read\` numeric,
  	\`provenance_tokens_cache_write\` numeric,
  	\`provenance_cost_usd\` numeric,
  	\`provenance_latency_ms\` numeric,
  	\`provenance_request_id\` text,
  	\`provenance_model_calls\` numeric,
  	\`published_at\` text,
  	\`last_reviewed_at\` text,
  	\`next_review_due\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`question_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cancer_type_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`last_edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`provenance_author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_answers\`("id", "question_id", "title", "slug", "cancer_type_id", "summary", "body", "key_takeaway", "workflow_stage", "high_risk", "review_due_at", "review_reminded_at", "review_escalated_at", "content_hash", "last_edited_by_id", "provenance_drafted_by", "provenance_author_id", "provenance_model_id", "provenance_prompt_version", "provenance_passage_ids", "provenance_tokens_in", "provenance_tokens_out", "provenance_tokens_cache_read", "provenance_tokens_cache_write", "provenance_cost_usd", "provenance_latency_ms", "provenance_request_id", "provenance_model_calls", "published_at", "last_reviewed_at", "next_review_due", "updated_at", "created_at", "_status") SELECT "id", "question_id", "title", "slug", "cancer_type_id", "summary", "body", "key_takeaway", "workflow_stage", "high_risk", "review_due_at", "review_reminded_at", "review_escalated_at", "content_hash", "last_edited_by_id", "provenance_drafted_by", "provenance_author_id", "provenance_model_id", "provenance_prompt_version", "provenance_passage_ids", "provenance_tokens_in", "provenance_tokens_out", "provenance_tokens_cache_read", "provenance_tokens_cache_write", "provenance_cost_usd", "provenance_latency_ms", "provenance_request_id", "provenance_model_calls", "published_at", "last_reviewed_at", "next_review_due", "updated_at", "created_at", "_status" FROM \`answers\`;`,
  )
  await db.run(sql`DROP TABLE \`answers\`;`)
  await db.run(sql`ALTER TABLE \`__new_answers\` RENAME TO \`answers\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`answers_question_idx\` ON \`answers\` (\`question_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`answers_slug_idx\` ON \`answers\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`answers_cancer_type_idx\` ON \`answers\` (\`cancer_type_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_workflow_stage_idx\` ON \`answers\` (\`workflow_stage\`);`)
  await db.run(sql`CREATE INDEX \`answers_review_due_at_idx\` ON \`answers\` (\`review_due_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_content_hash_idx\` ON \`answers\` (\`content_hash\`);`)
  await db.run(sql`CREATE INDEX \`answers_last_edited_by_idx\` ON \`answers\` (\`last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_provenance_provenance_author_idx\` ON \`answers\` (\`provenance_author_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_next_review_due_idx\` ON \`answers\` (\`next_review_due\`);`)
  await db.run(sql`CREATE INDEX \`answers_updated_at_idx\` ON \`answers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_created_at_idx\` ON \`answers\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`answers__status_idx\` ON \`answers\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__answers_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_question_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_cancer_type_id\` integer,
  	\`version_summary\` text,
  	\`version_body\` text,
  	\`version_key_takeaway\` text,
  	\`version_workflow_stage\` text DEFAULT 'draft',
  	\`version_high_risk\` integer DEFAULT false,
  	\`version_review_due_at\` text,
  	\`version_review_reminded_at\` text,
  	\`version_review_escalated_at\` text,
  	\`version_content_hash\` text,
  	\`version_last_edited_by_id\` integer,
  	\`version_provenance_drafted_by\` text,
  	\`version_provenance_author_id\` integer,
  	\`version_provenance_model_id\` text,
  	\`version_provenance_prompt_version\` text,
  	\`version_provenance_passage_ids\` text,
  	\`version_provenance_tokens_in\` numeric,
  	\`version_provenance_tokens_out\` numeric,
  	\`version_provenance_tokens_cache_read\` numeric,
  	\`version_provenance_tokens_cache_write\` numeric,
  	\`version_provenance_cost_usd\` numeric,
  	\`version_provenance_latency_ms\` numeric,
  	\`version_provenance_request_id\` text,
  	\`version_provenance_model_calls\` numeric,
  	\`version_published_at\` text,
  	\`version_last_reviewed_at\` text,
  	\`version_next_review_due\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_question_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_cancer_type_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_last_edited_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_provenance_author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__answers_v\`("id", "parent_id", "version_question_id", "version_title", "version_slug", "version_cancer_type_id", "version_summary", "version_body", "version_key_takeaway", "version_workflow_stage", "version_high_risk", "version_review_due_at", "version_review_reminded_at", "version_review_escalated_at", "version_content_hash", "version_last_edited_by_id", "version_provenance_drafted_by", "version_provenance_author_id", "version_provenance_model_id", "version_provenance_prompt_version", "version_provenance_passage_ids", "version_provenance_tokens_in", "version_provenance_tokens_out", "version_provenance_tokens_cache_read", "version_provenance_tokens_cache_write", "version_provenance_cost_usd", "version_provenance_latency_ms", "version_provenance_request_id", "version_provenance_model_calls", "version_published_at", "version_last_reviewed_at", "version_next_review_due", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_question_id", "version_title", "version_slug", "version_cancer_type_id", "version_summary", "version_body", "version_key_takeaway", "version_workflow_stage", "version_high_risk", "version_review_due_at", "version_review_reminded_at", "version_review_escalated_at", "version_content_hash", "version_last_edited_by_id", "version_provenance_drafted_by", "version_provenance_author_id", "version_provenance_model_id", "version_provenance_prompt_version", "version_provenance_passage_ids", "version_provenance_tokens_in", "version_provenance_tokens_out", "version_provenance_tokens_cache_read", "version_provenance_tokens_cache_write", "version_provenance_cost_usd", "version_provenance_latency_ms", "version_provenance_request_id", "version_provenance_model_calls", "version_published_at", "version_last_reviewed_at", "version_next_review_due", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_answers_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_answers_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__answers_v\` RENAME TO \`_answers_v\`;`)
  await db.run(sql`CREATE INDEX \`_answers_v_parent_idx\` ON \`_answers_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_question_idx\` ON \`_answers_v\` (\`version_question_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_slug_idx\` ON \`_answers_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_cancer_type_idx\` ON \`_answers_v\` (\`version_cancer_type_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_workflow_stage_idx\` ON \`_answers_v\` (\`version_workflow_stage\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_review_due_at_idx\` ON \`_answers_v\` (\`version_review_due_at\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_content_hash_idx\` ON \`_answers_v\` (\`version_content_hash\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_last_edited_by_idx\` ON \`_answers_v\` (\`version_last_edited_by_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_provenance_version_provenance_author_idx\` ON \`_answers_v\` (\`version_provenance_author_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_next_review_due_idx\` ON \`_answers_v\` (\`version_next_review_due\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_updated_at_idx\` ON \`_answers_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_created_at_idx\` ON \`_answers_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version__status_idx\` ON \`_answers_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_created_at_idx\` ON \`_answers_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_updated_at_idx\` ON \`_answers_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_latest_idx\` ON \`_answers_v\` (\`latest\`);`)
}
