import path from 'node:path'

export type DatabaseTarget =
  { kind: 'sqlite'; url: string; file: string; isEmbeddedDefault: boolean } | { kind: 'mongodb'; url: string; isEmbeddedDefault: false }

export const DEFAULT_SQLITE_FILE = 'cms.db'

const ACCEPTED_FORMS =
  'leave it unset (embedded SQLite at ./data/cms.db), a SQLite file URL (file:./data/cms.db) or a MongoDB URL (mongodb://... or mongodb+srv://...)'

/** Decides which database DATABASE_URL means. Pure, so every accepted and refused form is tested. */
export function resolveDatabase(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  if (!databaseUrl) {
    const file = path.join(dataDir, DEFAULT_SQLITE_FILE)
    return { kind: 'sqlite', url: `file:${file}`, file, isEmbeddedDefault: true }
  }
  if (databaseUrl.startsWith('mongodb://') || databaseUrl.startsWith('mongodb+srv://')) {
    return { kind: 'mongodb', url: databaseUrl, isEmbeddedDefault: false }
  }
  if (databaseUrl.startsWith('file:')) {
    const filePart = databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
    if (!filePart || filePart.endsWith('/')) {
      throw new Error(`DATABASE_URL "${databaseUrl}" names no SQLite file. Accepted: ${ACCEPTED_FORMS}.`)
    }
    const file = path.resolve(filePart)
    return { kind: 'sqlite', url: `file:${file}`, file, isEmbeddedDefault: false }
  }
  throw new Error(`DATABASE_URL "${redact(databaseUrl)}" is not supported. Accepted: ${ACCEPTED_FORMS}.`)
}

/** Never echo a password from a connection string into logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@')
}
