import type { CollectionBeforeChangeHook } from 'payload'

import type { CancerType } from '@/payload-types'
import { answersInReview, refusePageChangeInReview } from '@/lib/workflow/reviewLock'

/**
 * An answer's page shows its cancer type's name (and links to it by slug), and its reviewer approves
 * the page as shown: neither changes while an answer of this type is in review.
 */
export const keepNameInReview: CollectionBeforeChangeHook<CancerType> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const name = data.name ?? originalDoc.name
  const slug = data.slug ?? originalDoc.slug
  if (name === originalDoc.name && slug === originalDoc.slug) return data
  await refusePageChangeInReview(
    req,
    await answersInReview(req, { cancerType: { equals: originalDoc.id } }),
    (page) => ({ ...page, cancerType: { name, slug } }),
    (answer, held) =>
      `"${answer.title}" is ${held}, and its page shows this cancer type's name and links to it by its slug, which the reviewer approves. Withdraw that answer from review before changing them.`,
  )
  return data
}
