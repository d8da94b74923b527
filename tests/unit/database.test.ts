import path from 'node:path'
import fs from 'node:fs'
import os from 'node:os'
import { describe, expect, it } from 'vitest'

import { resolveDatabase } from '@/lib/database/resolveDatabase'
import { EnvError, loadEnv } from '@/lib/env'

const dataDir = '/srv/app/data'

describe('resolveDatabase: DATABASE_URL -> adapter', () => {
  it('unset: the embedded SQLite file ./data/cms.db', () => {
    expect(resolveDatabase(undefined, dataDir)).toEqual({
      kind: 'sqlite',
      url: `file:${dataDir}/cms.db`,
      file: `${dataDir}/cms.db`,
      isEmbeddedDefault: true,
    })
  })

  it('file: URL (relative or absolute): that SQLite file, not the embedded default', () => {
    expect(resolveDatabase('file:./other.db', dataDir)).toMatchObject({
      kind: 'sqlite',
      file: path.resolve('other.db'),
      isEmbeddedDefault: false,
    })
    expect(resolveDatabase('file:/var/lib/cms/x.db', dataDir)).toMatchObject({ kind: 'sqlite', file: '/var/lib/cms/x.db' })
    expect(resolveDatabase('file:///var/lib/cms/y.db', dataDir)).toMatchObject({ kind: 'sqlite', file: '/var/lib/cms/y.db' })
  })

  it('mongodb:// and mongodb+srv://: MongoDB', () => {
    expect(resolveDatabase('mongodb://db:27017/cms?replicaSet=rs0', dataDir)).toEqual({
      kind: 'mongodb',
      url: 'mongodb://db:27017/cms?replicaSet=rs0',
      isEmbeddedDefault: false,
    })
    expect(resolveDatabase('mongodb+srv://u:p@cluster0.example.net/cms', dataDir)).toMatchObject({ kind: 'mongodb' })
  })

  it('anything else: an error naming the variable and the accepted forms, without the password', () => {
    const attempt = () => resolveDatabase('postgres://admin:hunter2@db/cms', dataDir)
    expect(attempt).toThrow(/DATABASE_URL "postgres:\/\/admin:\*\*\*@db\/cms" is not supported/)
    expect(attempt).toThrow(/file:.*mongodb:\/\/.*mongodb\+srv:\/\//)
    expect(attempt).not.toThrow(/hunter2/)
    expect(() => resolveDatabase('file:', dataDir)).toThrow(/names no SQLite file/)
    expect(() => resolveDatabase('sqlite.db', dataDir)).toThrow(/DATABASE_URL/)
  })
})

describe('loadEnv', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'env-test-'))

  it('a fresh clone needs no variables: embedded database, generated secret kept for the next start', () => {
    const dir = tmp()
    const first = loadEnv({ DATA_DIR: dir })
    expect(first.database.isEmbeddedDefault).toBe(true)
    expect(first.payloadSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(first.port).toBe(3000)
    expect(first.serverUrl).toBe('http://localhost:3000')
    expect(first.seedDemo).toBe(true)
    expect(loadEnv({ DATA_DIR: dir }).payloadSecret).toBe(first.payloadSecret)
  })

  it('MongoDB without PAYLOAD_SECRET fails fast, naming the variable', () => {
    expect(() => loadEnv({ DATABASE_URL: 'mongodb://localhost/cms', DATA_DIR: tmp() })).toThrow(EnvError)
    expect(() => loadEnv({ DATABASE_URL: 'mongodb://localhost/cms', DATA_DIR: tmp() })).toThrow(/PAYLOAD_SECRET is required/)
  })

  it('bad values name the variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATA_DIR: tmp() })).toThrow(/PORT/)
    expect(() => loadEnv({ PAYLOAD_SECRET: 'short', DATA_DIR: tmp() })).toThrow(/PAYLOAD_SECRET: must be at least 32 characters/)
    expect(() => loadEnv({ SERVER_URL: 'not a url', DATA_DIR: tmp() })).toThrow(/SERVER_URL/)
    expect(() => loadEnv({ SEED_DEMO: 'perhaps', DATA_DIR: tmp() })).toThrow(/SEED_DEMO/)
  })

  it('demo seeding: on for the embedded default, off for another database unless SEED_DEMO=true', () => {
    const secret = 'x'.repeat(40)
    expect(loadEnv({ DATABASE_URL: 'file:/tmp/other.db', PAYLOAD_SECRET: secret }).seedDemo).toBe(false)
    expect(loadEnv({ DATABASE_URL: 'file:/tmp/other.db', PAYLOAD_SECRET: secret, SEED_DEMO: 'true' }).seedDemo).toBe(true)
    expect(loadEnv({ DATABASE_URL: 'mongodb://db/cms', PAYLOAD_SECRET: secret }).seedDemo).toBe(false)
  })

  it('SERVER_URL and PORT', () => {
    const env = loadEnv({ PORT: '8080', SERVER_URL: 'https://cms.example.org/', DATA_DIR: tmp() })
    expect(env.port).toBe(8080)
    expect(env.serverUrl).toBe('https://cms.example.org')
  })
})
