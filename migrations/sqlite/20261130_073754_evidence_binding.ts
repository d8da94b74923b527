import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`answers_evidence_changes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`change_id\` integer,
  	\`source_id\` integer,
  	\`source_title\` text,
  	\`passage_id\` text,
  	\`heading\` text,
  	\`kind\` text,
  	\`old_text\` text,
  	\`new_text\` text,
  	\`old_version\` text,
  	\`new_version\` text,
  	\`changed_on\` text,
  	\`safety_correction\` integer,
  	\`note\` text,
  	FOREIGN KEY (\`change_id\`) REFERENCES \`evidence_changes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`source_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`answers_evidence_changes_order_idx\` ON \`answers_evidence_changes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`answers_evidence_changes_parent_id_idx\` ON \`answers_evidence_changes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_evidence_changes_change_idx\` ON \`answers_evidence_changes\` (\`change_id\`);`)
  await db.run(sql`CREATE INDEX \`answers_evidence_changes_source_idx\` ON \`answers_evidence_changes\` (\`source_id\`);`)
  await db.run(sql`CREATE TABLE \`_answers_v_version_evidence_changes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`change_id\` integer,
  	\`source_id\` integer,
  	\`source_title\` text,
  	\`passage_id\` text,
  	\`heading\` text,
  	\`kind\` text,
  	\`old_text\` text,
  	\`new_text\` text,
  	\`old_version\` text,
  	\`new_version\` text,
  	\`changed_on\` text,
  	\`safety_correction\` integer,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`change_id\`) REFERENCES \`evidence_changes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`source_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_answers_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_answers_v_version_evidence_changes_order_idx\` ON \`_answers_v_version_evidence_changes\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_evidence_changes_parent_id_idx\` ON \`_answers_v_version_evidence_changes\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_evidence_changes_change_idx\` ON \`_answers_v_version_evidence_changes\` (\`change_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_answers_v_version_evidence_changes_source_idx\` ON \`_answers_v_version_evidence_changes\` (\`source_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`approvals_evidence\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`source_id\` integer,
  	\`passage_id\` text,
  	\`version\` text,
  	\`text_hash\` text,
  	FOREIGN KEY (\`source_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`approvals\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`approvals_evidence_order_idx\` ON \`approvals_evidence\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`approvals_evidence_parent_id_idx\` ON \`approvals_evidence\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`approvals_evidence_source_idx\` ON \`approvals_evidence\` (\`source_id\`);`)
  await db.run(sql`CREATE TABLE \`evidence_changes_passages\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`passage_id\` text NOT NULL,
  	\`heading\` text,
  	\`old_text\` text,
  	\`new_text\` text,
  	\`old_version\` text,
  	\`new_version\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`evidence_changes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`evidence_changes_passages_order_idx\` ON \`evidence_changes_passages\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_passages_parent_id_idx\` ON \`evidence_changes_passages\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`evidence_changes\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`summary\` text,
  	\`source_id\` integer NOT NULL,
  	\`kind\` text NOT NULL,
  	\`replacement_id\` integer,
  	\`safety_correction\` integer DEFAULT false,
  	\`note\` text,
  	\`changed_on\` text NOT NULL,
  	\`changed_by_id\` integer,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`flagged_at\` text,
  	\`answers_flagged\` numeric DEFAULT 0,
  	\`outcomes\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`source_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`replacement_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`changed_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`evidence_changes_source_idx\` ON \`evidence_changes\` (\`source_id\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_replacement_idx\` ON \`evidence_changes\` (\`replacement_id\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_changed_on_idx\` ON \`evidence_changes\` (\`changed_on\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_changed_by_idx\` ON \`evidence_changes\` (\`changed_by_id\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_status_idx\` ON \`evidence_changes\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_updated_at_idx\` ON \`evidence_changes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_created_at_idx\` ON \`evidence_changes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`evidence_changes_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`answers_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`evidence_changes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`evidence_changes_rels_order_idx\` ON \`evidence_changes_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_rels_parent_idx\` ON \`evidence_changes_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_rels_path_idx\` ON \`evidence_changes_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`evidence_changes_rels_answers_id_idx\` ON \`evidence_changes_rels\` (\`answers_id\`);`)
  await db.run(sql`ALTER TABLE \`guideline_sources\` ADD \`safety_correction\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`guideline_sources\` ADD \`change_note\` text;`)
  // The ON DELETE action of evidence_changes_id is added by hand: drizzle-kit leaves it out when it
  // adds a column, and without it deleting a locked record would fail (as in the claim_checks migration).
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`evidence_changes_id\` integer REFERENCES evidence_changes(id) ON UPDATE no action ON DELETE cascade;`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_evidence_changes_id_idx\` ON \`payload_locked_documents_rels\` (\`evidence_changes_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`answers_evidence_changes\`;`)
  await db.run(sql`DROP TABLE \`_answers_v_version_evidence_changes\`;`)
  await db.run(sql`DROP TABLE \`approvals_evidence\`;`)
  await db.run(sql`DROP TABLE \`evidence_changes_passages\`;`)
  await db.run(sql`DROP TABLE \`evidence_changes\`;`)
  await db.run(sql`DROP TABLE \`evidence_changes_rels\`;`)
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
  	\`model_usage_id\` integer,
  	\`question_imports_id\` integer,
  	\`workflow_events_id\` integer,
  	\`claim_checks_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`questions_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`answers_id\`) REFERENCES \`answers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`approvals_id\`) REFERENCES \`approvals\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`guideline_sources_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`cancer_types_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`model_usage_id\`) REFERENCES \`model_usage\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`question_imports_id\`) REFERENCES \`question_imports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`workflow_events_id\`) REFERENCES \`workflow_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`claim_checks_id\`) REFERENCES \`claim_checks\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "questions_id", "answers_id", "approvals_id", "guideline_sources_id", "cancer_types_id", "users_id", "notifications_id", "model_usage_id", "question_imports_id", "workflow_events_id", "claim_checks_id") SELECT "id", "order", "parent_id", "path", "questions_id", "answers_id", "approvals_id", "guideline_sources_id", "cancer_types_id", "users_id", "notifications_id", "model_usage_id", "question_imports_id", "workflow_events_id", "claim_checks_id" FROM \`payload_locked_documents_rels\`;`,
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
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_model_usage_id_idx\` ON \`payload_locked_documents_rels\` (\`model_usage_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_question_imports_id_idx\` ON \`payload_locked_documents_rels\` (\`question_imports_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_workflow_events_id_idx\` ON \`payload_locked_documents_rels\` (\`workflow_events_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_claim_checks_id_idx\` ON \`payload_locked_documents_rels\` (\`claim_checks_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`guideline_sources\` DROP COLUMN \`safety_correction\`;`)
  await db.run(sql`ALTER TABLE \`guideline_sources\` DROP COLUMN \`change_note\`;`)
}
