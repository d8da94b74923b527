import slugifyLibrary from 'slugify'

const MAX_SLUG_LENGTH = 96

/** URL slugs: lower-case ASCII words joined by hyphens, cut at a word boundary. */
export function toSlug(text: string): string {
  const slug = slugifyLibrary(text, { lower: true, strict: true, trim: true })
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const cut = slug.slice(0, MAX_SLUG_LENGTH)
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
