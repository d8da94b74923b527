import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`questions_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`questions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`questions_rels_order_idx\` ON \`questions_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`questions_rels_parent_idx\` ON \`questions_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`questions_rels_path_idx\` ON \`questions_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`questions_rels_users_id_idx\` ON \`questions_rels\` (\`users_id\`);`)
  await db.run(
    sql`ALTER TABLE \`guideline_sources_rels\` ADD \`users_id\` integer REFERENCES users(id) ON UPDATE no action ON DELETE cascade;`,
  )
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_users_id_idx\` ON \`guideline_sources_rels\` (\`users_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`questions_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_guideline_sources_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`cancer_types_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`guideline_sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`cancer_types_id\`) REFERENCES \`cancer_types\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_guideline_sources_rels\`("id", "order", "parent_id", "path", "cancer_types_id") SELECT "id", "order", "parent_id", "path", "cancer_types_id" FROM \`guideline_sources_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`guideline_sources_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_guideline_sources_rels\` RENAME TO \`guideline_sources_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_order_idx\` ON \`guideline_sources_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_parent_idx\` ON \`guideline_sources_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_path_idx\` ON \`guideline_sources_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`guideline_sources_rels_cancer_types_id_idx\` ON \`guideline_sources_rels\` (\`cancer_types_id\`);`)
}
