import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`questions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`text\` text NOT NULL,
  	\`slug\` text,
  	\`cancer_type_id\` integer NOT NULL,
  	\`priority\` text DEFAULT 'normal' NOT NULL,
  	\`origin\` text DEFAULT 'editorial' NOT NULL,
  	\`status\` text DEFAULT 'new' NOT NULL,
  	\`duplicate_of_id\` integer,
  	\`submitted_at\` text NOT NULL,
  	\`notes\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`cancer_type_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`duplicate_of_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`questions_slug_idx\` ON \`questions\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`questions_cancer_type_idx\` ON \`questions\` (\`cancer_type_id\`);`)
  await db.run(sql`CREATE INDEX \`questions_priority_idx\` ON \`questions\` (\`priority\`);`)
  await db.run(sql`CREATE INDEX \`questions_status_idx\` ON \`questions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`questions_duplicate_of_idx\` ON \`questions\` (\`duplicate_of_id\`);`)
  await db.run(sql`CREATE INDEX \`questions_submitted_at_idx\` ON \`questions\` (\`submitted_at\`);`)
  await db.run(sql`CREATE INDEX \`questions_updated_at_idx\` ON \`questions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`questions_created_at_idx\` ON \`questions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`answers_questions_to_ask\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`question\` text,
  	\`why\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_questions_to_ask_order_idx\` ON \`answers_questions_to_ask\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`answers_questions_to_ask_parent_id_idx\` ON \`answers_questions_to_ask\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`answers_citations\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`source_id\` integer,
  	\`passage_id\` text,
  	\`quote\` text,
  	FOREIGN KEY (\`source_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_citations_order_idx\` ON \`answers_citations\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`answers_citations_parent_id_idx\` ON \`answers_citations\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_citations_source_idx\` ON \`answers_citations\` (\`source_id\`);`)
  await db.run(sql`CREATE TABLE \`answers_review_credits\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`credentials\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_review_credits_order_idx\` ON \`answers_review_credits\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`answers_review_credits_parent_id_idx\` ON \`answers_review_credits\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`answers\` (
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
  await db.run(sql`CREATE INDEX \`answers_question_idx\` ON \`answers\` (\`question_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`answers_slug_idx\` ON \`answers\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`answers_cancer_type_idx\` ON \`answers\` (\`cancer_type_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_workflow_stage_idx\` ON \`answers\` (\`workflow_stage\`);`)
  await db.run(sql`CREATE INDEX \`answers_content_hash_idx\` ON \`answers\` (\`content_hash\`);`)
  await db.run(sql`CREATE INDEX \`answers_last_edited_by_idx\` ON \`answers\` (\`last_edited_by_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_provenance_provenance_author_idx\` ON \`answers\` (\`provenance_author_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_next_review_due_idx\` ON \`answers\` (\`next_review_due\`);`)
  await db.run(sql`CREATE INDEX \`answers_updated_at_idx\` ON \`answers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`answers_created_at_idx\` ON \`answers\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`answers__status_idx\` ON \`answers\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`answers_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_rels_order_idx\` ON \`answers_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`answers_rels_parent_idx\` ON \`answers_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_rels_path_idx\` ON \`answers_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`answers_rels_users_id_idx\` ON \`answers_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`_answers_v_version_questions_to_ask\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`question\` text,
  	\`why\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_version_questions_to_ask_order_idx\` ON \`_answers_v_version_questions_to_ask\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_questions_to_ask_parent_id_idx\` ON \`_answers_v_version_questions_to_ask\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_answers_v_version_citations\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`source_id\` integer,
  	\`passage_id\` text,
  	\`quote\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`source_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_version_citations_order_idx\` ON \`_answers_v_version_citations\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_citations_parent_id_idx\` ON \`_answers_v_version_citations\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_citations_source_idx\` ON \`_answers_v_version_citations\` (\`source_id\`);`)
  await db.run(sql`CREATE TABLE \`_answers_v_version_review_credits\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`credentials\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_version_review_credits_order_idx\` ON \`_answers_v_version_review_credits\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_review_credits_parent_id_idx\` ON \`_answers_v_version_review_credits\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_answers_v\` (
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
  await db.run(sql`CREATE INDEX \`_answers_v_parent_idx\` ON \`_answers_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_question_idx\` ON \`_answers_v\` (\`version_question_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_slug_idx\` ON \`_answers_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_cancer_type_idx\` ON \`_answers_v\` (\`version_cancer_type_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_version_version_workflow_stage_idx\` ON \`_answers_v\` (\`version_workflow_stage\`);`)
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
  await db.run(sql`CREATE TABLE \`_answers_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_rels_order_idx\` ON \`_answers_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_rels_parent_idx\` ON \`_answers_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_rels_path_idx\` ON \`_answers_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_answers_v_rels_users_id_idx\` ON \`_answers_v_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`approvals\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`answer_id\` integer NOT NULL,
  	\`decision\` text NOT NULL,
  	\`comment\` text,
  	\`attestation\` integer DEFAULT false,
  	\`content_hash\` text,
  	\`reviewer_id\` integer,
  	\`attestation_statement\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`answer_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`reviewer_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`approvals_answer_idx\` ON \`approvals\` (\`answer_id\`);`)
  await db.run(sql`CREATE INDEX \`approvals_content_hash_idx\` ON \`approvals\` (\`content_hash\`);`)
  await db.run(sql`CREATE INDEX \`approvals_reviewer_idx\` ON \`approvals\` (\`reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`approvals_updated_at_idx\` ON \`approvals\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`approvals_created_at_idx\` ON \`approvals\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`guideline_sources_passages\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`passage_id\` text NOT NULL,
  	\`heading\` text,
  	\`text\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`guideline_sources_passages_order_idx\` ON \`guideline_sources_passages\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_passages_parent_id_idx\` ON \`guideline_sources_passages\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`guideline_sources\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`publisher\` text NOT NULL,
  	\`title\` text NOT NULL,
  	\`version\` text NOT NULL,
  	\`publication_date\` text NOT NULL,
  	\`url\` text NOT NULL,
  	\`status\` text DEFAULT 'current' NOT NULL,
  	\`superseded_by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`superseded_by_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`guideline_sources_publisher_idx\` ON \`guideline_sources\` (\`publisher\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_status_idx\` ON \`guideline_sources\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_superseded_by_idx\` ON \`guideline_sources\` (\`superseded_by_id\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_updated_at_idx\` ON \`guideline_sources\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_created_at_idx\` ON \`guideline_sources\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`guideline_sources_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`cancer_types_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`cancer_types_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_order_idx\` ON \`guideline_sources_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_parent_idx\` ON \`guideline_sources_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_path_idx\` ON \`guideline_sources_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_cancer_types_id_idx\` ON \`guideline_sources_rels\` (\`cancer_types_id\`);`)
  await db.run(sql`CREATE TABLE \`cancer_types\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`review_interval_months\` numeric DEFAULT 12 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`cancer_types_name_idx\` ON \`cancer_types\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`cancer_types_slug_idx\` ON \`cancer_types\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`cancer_types_updated_at_idx\` ON \`cancer_types\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`cancer_types_created_at_idx\` ON \`cancer_types\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`users_roles\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_roles_order_idx\` ON \`users_roles\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_roles_parent_idx\` ON \`users_roles\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users_conflicts_of_interest\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`statement\` text NOT NULL,
  	\`declared_on\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_conflicts_of_interest_order_idx\` ON \`users_conflicts_of_interest\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_conflicts_of_interest_parent_id_idx\` ON \`users_conflicts_of_interest\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`credentials\` text,
  	\`active\` integer DEFAULT true,
  	\`max_open_reviews\` numeric DEFAULT 5,
  	\`credentials_verified_on\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`users_active_idx\` ON \`users\` (\`active\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`users_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`cancer_types_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`cancer_types_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_rels_order_idx\` ON \`users_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_parent_idx\` ON \`users_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_path_idx\` ON \`users_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_cancer_types_id_idx\` ON \`users_rels\` (\`cancer_types_id\`);`)
  await db.run(sql`CREATE TABLE \`notifications\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`to\` text NOT NULL,
  	\`subject\` text NOT NULL,
  	\`template\` text NOT NULL,
  	\`text\` text NOT NULL,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`attempts\` numeric DEFAULT 0,
  	\`last_error\` text,
  	\`sent_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`notifications_to_idx\` ON \`notifications\` (\`to\`);`)
  await db.run(sql`CREATE INDEX \`notifications_status_idx\` ON \`notifications\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`notifications_sent_at_idx\` ON \`notifications\` (\`sent_at\`);`)
  await db.run(sql`CREATE INDEX \`notifications_updated_at_idx\` ON \`notifications\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`notifications_created_at_idx\` ON \`notifications\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`notifications_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`answers_id\` integer,
  	\`questions_id\` integer,
  	\`approvals_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`questions_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`approvals_id\`) REFERENCES \`approvals\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`notifications_rels_order_idx\` ON \`notifications_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`notifications_rels_parent_idx\` ON \`notifications_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`notifications_rels_path_idx\` ON \`notifications_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`notifications_rels_answers_id_idx\` ON \`notifications_rels\` (\`answers_id\`);`)
  await db.run(sql`CREATE INDEX \`notifications_rels_questions_id_idx\` ON \`notifications_rels\` (\`questions_id\`);`)
  await db.run(sql`CREATE INDEX \`notifications_rels_approvals_id_idx\` ON \`notifications_rels\` (\`approvals_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
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
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`questions\`;`)
  await db.run(sql`DROP TABLE \`answers_questions_to_ask\`;`)
  await db.run(sql`DROP TABLE \`answers_citations\`;`)
  await db.run(sql`DROP TABLE \`answers_review_credits\`;`)
  await db.run(sql`DROP TABLE \`answers\`;`)
  await db.run(sql`DROP TABLE \`answers_rels\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_version_questions_to_ask\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_version_citations\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_version_review_credits\`;`)
  await db.run(sql`DROP TABLE \`_answers_v\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_rels\`;`)
  await db.run(sql`DROP TABLE \`approvals\`;`)
  await db.run(sql`DROP TABLE \`guideline_sources_passages\`;`)
  await db.run(sql`DROP TABLE \`guideline_sources\`;`)
  await db.run(sql`DROP TABLE \`guideline_sources_rels\`;`)
  await db.run(sql`DROP TABLE \`cancer_types\`;`)
  await db.run(sql`DROP TABLE \`users_roles\`;`)
  await db.run(sql`DROP TABLE \`users_conflicts_of_interest\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`users_rels\`;`)
  await db.run(sql`DROP TABLE \`notifications\`;`)
  await db.run(sql`DROP TABLE \`notifications_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
