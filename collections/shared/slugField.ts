import {
  ValidationError,
  type CollectionSlug,
  type PayloadRequest,
  type TextField,
  type TextFieldSingleValidation,
  type Where,
} from 'payload'
import { text } from 'payload/shared'

import { SLUG_PATTERN, toSlug } from '@/lib/slugify'

/**
 * A unique, indexed slug. Left empty (or emptied), it is made from `sourceField` (with -2, -3... when taken;
 * `prefix` and a hash of the text when it has nothing to spell in ASCII); typed by hand, it must
 * already be a valid slug: we do not silently rewrite a URL someone chose, and a taken one is refused
 * by the unique index with a 400.
 */
export function slugField(sourceField: string, prefix: string): TextField {
  return {
    name: 'slug',
    type: 'text',
    unique: true,
    index: true,
    maxLength: 100,
    admin: { position: 'sidebar', description: `Made from the ${sourceField} when left empty.` },
    hooks: {
      beforeValidate: [
        async ({ value, data, originalDoc, collection, req }) => {
          if (typeof value === 'string' && value.trim() !== '') {
            const typed = value.trim()
            // A draft's slug is not in the unique index (drafts are versions): another answer's address
            // typed into a draft was saved, and made the save that takes the live version offline fail.
            if (collection?.versions?.drafts && typed !== originalDoc?.slug) {
              const taken = await slugsIn(collection.slug as CollectionSlug, { slug: { equals: typed } }, 1, req, originalDoc?.id)
              if (taken.has(typed))
                throw new ValidationError({
                  collection: collection.slug,
                  errors: [{ path: 'slug', message: `The address "${typed}" is already used by another document: choose another.` }],
                  req,
                })
            }
            return typed
          }
          // Not sent: the slug stays. Sent empty: made again from the text as it is now, as the
          // field's description promises (an old title's words, a patient's name say, must be removable).
          if (value === undefined && originalDoc?.slug) return originalDoc.slug
          const source = data?.[sourceField] ?? originalDoc?.[sourceField]
          if (typeof source !== 'string' || !collection) return value
          return firstFreeSlug(toSlug(source, prefix), collection.slug as CollectionSlug, req, originalDoc?.id)
        },
      ],
    },
    validate: ((value, options) => {
      if (!value) return `A slug is required (it is made from the ${sourceField} when left empty).`
      // A custom validate replaces Payload's: call it, or maxLength above is never enforced.
      const builtIn = text(value, options)
      if (builtIn !== true) return builtIn
      if (!SLUG_PATTERN.test(value)) {
        return 'Use lower-case letters, digits and single hyphens only, e.g. "surgery-for-pancreatic-cancer".'
      }
      return true
    }) satisfies TextFieldSingleValidation,
  }
}

/**
 * The slugs among documents other than `self` that match `where`: their main rows (the published
 * or first saved version, in the unique index), and in a collection with drafts their newest
 * versions too, which become the main row when published or taken offline.
 */
async function slugsIn(collection: CollectionSlug, where: Where, limit: number, req: PayloadRequest, self?: number | string) {
  const scoped: Where = self === undefined ? where : { and: [where, { id: { not_equals: self } }] }
  const read = (draft: boolean) =>
    req.payload.find({
      collection,
      where: scoped,
      select: { slug: true } as Record<string, true>,
      limit,
      pagination: false,
      overrideAccess: true,
      depth: 0,
      draft,
      req,
    })
  const hasDrafts = Boolean(req.payload.collections[collection].config.versions?.drafts)
  const reads = await Promise.all(hasDrafts ? [read(false), read(true)] : [read(false)])
  return new Set(reads.flatMap(({ docs }) => docs.map((doc) => (doc as { slug?: string | null }).slug)))
}

/** The first of `base`, `base-2`, `base-3`... that no other document has (`self`, being saved, does not count). */
async function firstFreeSlug(base: string, collection: CollectionSlug, req: PayloadRequest, self?: number | string): Promise<string> {
  if (!base) return base
  // Usually free: one indexed lookup (two with drafts). Only a taken slug reads its numbered
  // siblings, a search (`like`) that reads every slug of the collection.
  if (!(await slugsIn(collection, { slug: { equals: base } }, 1, req, self)).has(base)) return base
  const taken = await slugsIn(collection, { slug: { like: base } }, 0, req, self)
  let suffix = 2
  while (taken.has(`${base}-${suffix}`)) suffix += 1
  return `${base}-${suffix}`
}
