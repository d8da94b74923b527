import React from 'react'

/** Page numbers as the links write them: 1, 2, ... without sign, zeros or exponent. */
const PAGE = /^[1-9][0-9]{0,5}$/

/** `?page=` of a paged public page: the number, 1 when absent, null for anything else (a 404). */
export function pageNumber(values: string[]): number | null {
  if (values.length === 0) return 1
  return values.length === 1 && PAGE.test(values[0]!) ? Number(values[0]) : null
}

/**
 * Links to the newer and older pages of a list, newest first: plain links, as public pages run no
 * script (see SiteChrome).
 * `href(n)` is page n's address. Nothing for a list of one page.
 */
export function PageNav({ page, totalPages, href }: { page: number; totalPages: number; href: (page: number) => string }) {
  if (totalPages <= 1) return null
  return (
    <nav aria-label="Pages of answers">
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          Newer answers
        </a>
      ) : null}{' '}
      <span>{`Page ${page} of ${totalPages}`}</span>{' '}
      {page < totalPages ? (
        <a rel="next" href={href(page + 1)}>
          Older answers
        </a>
      ) : null}
    </nav>
  )
}
