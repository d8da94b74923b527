import type { Payload } from 'payload'

/**
 * Approve-and-publish and every multi-document write rely on transactions. The MongoDB adapter
 * turns them off silently when the server is not a replica set; refuse to run like that.
 */
export function assertTransactions(payload: Payload): void {
  if (payload.db.name === 'mongoose' && (payload.db as { transactionOptions?: unknown }).transactionOptions === false) {
    throw new Error(
      'DATABASE_URL points at a MongoDB server without a replica set, so transactions are off and writes that belong together could be half-saved. Use a replica set (add ?replicaSet=NAME) or MongoDB Atlas.',
    )
  }
}
