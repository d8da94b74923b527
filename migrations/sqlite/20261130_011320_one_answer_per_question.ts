import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Older databases may hold several answers for one question; say which instead of a bare constraint error.
  const duplicates = await db.all<{ question_id: number; answers: number }>(
    sql`SELECT question_id, COUNT(*) AS answers FROM answers WHERE question_id IS NOT NULL GROUP BY question_id HAVING COUNT(*) > 1`,
  )
  if (duplicates.length > 0) {
    const list = duplicates.map((row) => `question ${row.question_id} (${row.answers} answers)`).join(', ')
    throw new Error(
      `A question may have one answer, but ${list}. Keep one answer per question (delete or move the others), then start again.`,
    )
  }
  await db.run(sql`DROP INDEX \`answers_question_idx\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`answers_question_idx\` ON \`answers\` (\`question_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`answers_question_idx\`;`)
  await db.run(sql`CREATE INDEX \`answers_question_idx\` ON \`answers\` (\`question_id\`);`)
}
