import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { duplicateKey } from '@/lib/questionImport/normalize'

/**
 * The duplicate key leaves out invisible formatting characters since the twenty-second session (a
 * zero-width space, a soft hyphen, the zero-width non-joiner Persian spelling uses): keys stored
 * before kept them, so an existing question with one no longer matched the same question sent again.
 * Every stored key is made again and written where it differs. Plain SQL, as the migration that
 * added the key (the Local API would read columns later migrations add). No schema change.
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
