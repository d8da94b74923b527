/**
 * Cache tags of public responses (sent as `Surrogate-Key` and `Cache-Tag`, used to evict this
 * instance's prepared responses and to purge the CDN). One vocabulary for all three.
 */

/** On every public response: purging it empties the CDN of everything public. */
export const PUBLIC_TAG = 'public'
/** Every list of answers: the API's lists and searches, the home and cancer-type pages, sitemap.xml. */
export const ANSWER_LISTS_TAG = 'answers'
/** The cancer types with their answer counts. */
export const CANCER_TYPES_TAG = 'cancer-types'

/**
 * Never on a response, never purged: marks the values derived from the database (the catalog) to be
 * checked against it on their next read, while this instance cannot read the change feed.
 */
export const RECHECK_TAG = 'recheck'

/** The one answer's JSON and page. Slugs are [a-z0-9-], valid in both header formats. */
export const answerTag = (slug: string) => `answer-${slug}`

export type PublicChangeKind = 'published' | 'revised' | 'withdrawn' | 'site'

/** What a change to published answers makes stale: each answer, every list, the counts. */
export function tagsForAnswers(slugs: (string | null | undefined)[]): string[] {
  const unique = [...new Set(slugs.filter((slug): slug is string => Boolean(slug)))]
  return [...unique.map(answerTag), ANSWER_LISTS_TAG, CANCER_TYPES_TAG]
}

/** Cancer type names and slugs appear on every public response. */
export const tagsForSiteChange = (): string[] => [PUBLIC_TAG]
