import { createHash } from 'node:crypto'
import slugifyLibrary from 'slugify'

const MAX_SLUG_LENGTH = 96

/**
 * URL slugs: lower-case ASCII words joined by hyphens, cut at a word boundary. Text with nothing the
 * slugifier can spell in ASCII (a question in Chinese, Arabic or Greek) gets `prefix` and a short
 * hash of the text, so every text has a slug and the same text the same one.
 */
export function toSlug(text: string, prefix = 'item'): string {
  const slug = slugifyLibrary(text, { lower: true, strict: true, trim: true })
  // Hashed as people read it: the same words in another Unicode form or with other spacing are the same text.
  const readable = text.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (slug === '' && readable !== '') return `${prefix}-${createHash('sha256').update(readable).digest('hex').slice(0, 10)}`
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const cut = slug.slice(0, MAX_SLUG_LENGTH)
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
