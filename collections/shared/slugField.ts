import type { CollectionSlug, PayloadRequest, TextField, TextFieldSingleValidation, Where } from 'payload'
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
          if (typeof value === 'string' && value.trim() !== '') return value.trim()
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

/** The first of `base`, `base-2`, `base-3`... that no other document has (`self`, being saved, does not count). */
async function firstFreeSlug(base: string, collection: CollectionSlug, req: PayloadRequest, self?: number | string): Promise<string> {
  if (!base) return base
  const slugsWhere = async (where: Where, limit: number) => {
    const { docs } = await req.payload.find({
      collection,
      where: self === undefined ? where : { and: [where, { id: { not_equals: self } }] },
      select: { slug: true } as Record<string, true>,
      limit,
      pagination: false,
      overrideAccess: true,
      depth: 0,
      req,
    })
    return new Set(docs.map((doc) => (doc as { slug?: string | null }).slug))
  }
  // Usually free: one indexed lookup. Only a taken slug reads its numbered siblings, a search
  // (`like`) that reads every slug of the collection.
  if (!(await slugsWhere({ slug: { equals: base } }, 1)).has(base)) return base
  const taken = await slugsWhere({ slug: { like: base } }, 0)
  let suffix = 2
  while (taken.has(`${base}-${suffix}`)) suffix += 1
  return `${base}-${suffix}`
}
