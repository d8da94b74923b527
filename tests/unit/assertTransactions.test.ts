import { describe, expect, it } from 'vitest'

import { assertTransactions } from '@/lib/database/assertTransactions'

describe('assertTransactions', () => {
  it('refuses MongoDB without transactions (no replica set), naming the fix', () => {
    const payload = { db: { name: 'mongoose', transactionOptions: false } } as never
    expect(() => assertTransactions(payload)).toThrow(/replica set.*\?replicaSet=NAME/)
  })
  it('accepts MongoDB with transactions, and SQLite', () => {
    expect(() => assertTransactions({ db: { name: 'mongoose', transactionOptions: {} } } as never)).not.toThrow()
    expect(() => assertTransactions({ db: { name: 'sqlite', transactionOptions: {} } } as never)).not.toThrow()
  })
})
