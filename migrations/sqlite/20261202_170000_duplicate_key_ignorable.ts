import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { duplicateKey } from '@/lib/questionImport/normalize'

/**
 * The duplicate key leaves out every default-ignorable code point since the twenty-third session
 * (a combining grapheme joiner, the variation selectors: characters that display as nothing, which
 * the format-character rule of the twenty-second session kept). Every stored key is made again and
 * written where it differs, as 20261202_123000_duplicate_key_invisible did. No schema change.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  const rows = await db.all<{ id: number; text: string; duplicate_key: string | null }>(
    sql`SELECT \`id\`, \`text\`, \`duplicate_key\` FROM \`questions\`;`,
  )
  for (const { id, text, duplicate_key: stored } of rows) {
    const key = duplicateKey(text)
    if (key !== stored) await db.run(sql`UPDATE \`questions\` SET \`duplicate_key\` = ${key} WHERE \`id\` = ${id};`)
  }
}

/** The keys stay as they are: the old ones were the defect. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
