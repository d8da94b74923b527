import type { Access, CollectionSlug, PayloadRequest, SanitizedConfig, Where } from 'payload'

import type { Id } from '@/lib/relationId'

import { oncePerRequest } from './oncePerRequest'
import { hasRole } from './roles'

const LOCKS = 'payload-locked-documents'
type LockedDocument = { relationTo: CollectionSlug; value: Id }

/** What the collection's own update access says for this user: everything, nothing, or a filter. */
async function updateAccess(req: PayloadRequest, slug: CollectionSlug, id?: Id): Promise<boolean | Where> {
  const update = req.payload.collections[slug]?.config.access.update
  if (!update) return false
  return (await update({ req, id })) ?? false
}

/** Whether this user may update this document: the condition for locking it. */
async function mayUpdate(req: PayloadRequest, { relationTo, value }: LockedDocument): Promise<boolean> {
  const access = await updateAccess(req, relationTo, value)
  if (typeof access === 'boolean') return access
  const { totalDocs } = await req.payload.count({
    collection: relationTo,
    where: { and: [{ id: { equals: value } }, access] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/**
 * Edit locks ("X is editing this") are visible, and can be taken, only on documents the user may
 * update: a reviewer, who updates no answer, neither sees who edits which answer nor plants a lock on
 * one; and a lock names only the person who takes it. Payload's default lets every signed-in user
 * read and write every lock.
 */
const seeLocks: Access = async ({ req }) => {
  const { user } = req
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  // Asked for reading, updating and deleting locks in each permission check of the request: once.
  return oncePerRequest(req, `seeLocks:${user.collection}:${user.id}`, () => lockFilter(req))
}

/** Locks on the documents this user may update, collection by collection. */
async function lockFilter(req: PayloadRequest): Promise<Where | false> {
  const lockable = lockableCollections(req)
  const clauses: Where[] = []
  for (const slug of lockable) {
    const access = await updateAccess(req, slug)
    if (access === true) clauses.push({ 'document.relationTo': { equals: slug } })
    else if (access) {
      const { docs } = await req.payload.find({
        collection: slug,
        where: access,
        select: {},
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
      if (docs.length)
        clauses.push({ and: [{ 'document.relationTo': { equals: slug } }, { 'document.value': { in: docs.map((doc) => doc.id) } }] })
    }
  }
  return clauses.length ? { or: clauses } : false
}

/**
 * A lock names who is editing ("X is editing this", and the document turns read-only for everyone
 * else): it may name only the person taking it. Payload's admin always writes the signed-in user;
 * without this an editor could plant a lock in a reviewer's or an admin's name.
 */
function namesSomeoneElse(req: PayloadRequest, data: unknown): boolean {
  const user = (data as { user?: { relationTo?: unknown; value?: unknown } | null } | undefined)?.user
  if (user === undefined) return false
  const value = user && typeof user.value === 'object' && user.value !== null ? (user.value as { id?: unknown }).id : user?.value
  return user?.relationTo !== req.user?.collection || String(value) !== String(req.user?.id)
}

/**
 * The document a lock write names: undefined when it names none (an update that leaves the lock where
 * it is), null when what it names is not a document reference.
 */
function namedDocument(data: unknown): LockedDocument | null | undefined {
  const document = (data as { document?: { relationTo?: unknown; value?: unknown } | null } | undefined)?.document
  if (document === undefined) return undefined
  const value = typeof document?.value === 'object' && document.value !== null ? (document.value as { id?: unknown }).id : document?.value
  if (typeof document?.relationTo !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) return null
  return { relationTo: document.relationTo as CollectionSlug, value }
}

const takeLock: Access = async ({ req, data }) => {
  if (!req.user) return false
  if (namesSomeoneElse(req, data)) return false
  if (hasRole(req.user, 'admin')) return true
  const document = namedDocument(data)
  return document ? mayUpdate(req, document) : false
}

/**
 * Updating a lock: only one this user sees, never into someone else's name, and moving it to another
 * document only if this user may update that one too (as taking it would need): a reviewer's lock on
 * their own account, moved onto an answer in review, made the answer read-only for its editors.
 */
const changeLock: Access = async (args) => {
  const { req, data } = args
  if (!req.user || namesSomeoneElse(req, data)) return false
  const moved = namedDocument(data)
  if (moved !== undefined && !hasRole(req.user, 'admin') && !(moved && (await mayUpdate(req, moved)))) return false
  return seeLocks(args)
}

function lockableCollections(req: PayloadRequest): CollectionSlug[] {
  const field = req.payload.collections[LOCKS as CollectionSlug]?.config.fields.find(
    (candidate) => 'name' in candidate && candidate.name === 'document',
  )
  const relationTo = field && 'relationTo' in field ? field.relationTo : []
  return (Array.isArray(relationTo) ? relationTo : [relationTo]) as CollectionSlug[]
}

/**
 * Payload adds its locked-documents collection while it sanitizes the config, after plugins run, so
 * its access is replaced on the sanitized config.
 */
export function restrictEditLocks(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === LOCKS)
  if (locks) locks.access = { ...locks.access, read: seeLocks, create: takeLock, update: changeLock, delete: seeLocks }
  return config
}
