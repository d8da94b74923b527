import React from 'react'

/** Page numbers as the links write them: 1, 2, ... without sign, zeros or exponent. */
const PAGE = /^[1-9][0-9]{0,5}$/

/** `?page=` of a paged public page: the number, 1 when absent, null for anything else (a 404). */
export function pageNumber(values: string[]): number | null {
  if (values.length === 0) return 1
  return values.length === 1 && PAGE.test(values[0]!) ? Number(values[0]) : null
}

/** A page number past a list's last page (page 1 of an empty list exists: it says so). */
export const pastLastPage = ({ page, totalPages }: { page: number; totalPages: number }) => page > Math.max(totalPages, 1)

/**
 * Links to the previous and next pages of a list: plain links, as public pages run no script (see
 * SiteChrome).
 * `href(n)` is page n's address. Nothing for a list of one page.
 */
export function PageNav({ page, totalPages, href }: { page: number; totalPages: number; href: (page: number) => string }) {
  if (totalPages <= 1) return null
  return (
    <nav aria-label="Pages of answers">
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          Previous page
        </a>
      ) : null}{' '}
      <span>{`Page ${page} of ${totalPages}`}</span>{' '}
      {page < totalPages ? (
        <a rel="next" href={href(page + 1)}>
          Next page
        </a>
      ) : null}
    </nav>
  )
}
