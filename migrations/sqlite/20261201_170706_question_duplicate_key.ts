import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { duplicateKey } from '@/lib/questionImport/normalize'

/**
 * The questions' indexed duplicate key, filled in for the questions already saved. Plain SQL rather
 * than the Local API: the Local API would read every column the config declares, including any that
 * later migrations add. (On MongoDB the same fill runs at start: src/lib/questionImport/fillDuplicateKeys.ts.)
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`questions\` ADD \`duplicate_key\` text;`)
  await db.run(sql`CREATE INDEX \`questions_duplicate_key_idx\` ON \`questions\` (\`duplicate_key\`);`)
  const rows = await db.all<{ id: number; text: string }>(sql`SELECT \`id\`, \`text\` FROM \`questions\`;`)
  for (const { id, text } of rows) {
    await db.run(sql`UPDATE \`questions\` SET \`duplicate_key\` = ${duplicateKey(text)} WHERE \`id\` = ${id};`)
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`questions_duplicate_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`questions\` DROP COLUMN \`duplicate_key\`;`)
}
