import React from 'react'

/**
 * The public site's frame: one stylesheet at a stable URL, the header and the footer. The Next
 * layout (src/app/(frontend)/layout.tsx) and the answer page rendered without Next
 * (src/lib/public/pages/answerPage.tsx) both use these, so the two cannot drift apart. Plain
 * links, not next/link: public pages run no script (their policy is `script-src 'none'`), and
 * next/link is a client component, which renderToStaticMarkup cannot render outside Next.
 */
/* eslint-disable @next/next/no-html-link-for-pages -- see above */
export const SITE_STYLESHEET = '/site.css'

export function SiteHeader() {
  return (
    <header className="site-header">
      <a href="/">Clinician-reviewed cancer answers</a>
    </header>
  )
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>For informational purposes only. This is not medical advice and does not replace a conversation with your own oncology team.</p>
    </footer>
  )
}

/**
 * A whole public document outside the Next layout: the pages rendered from the prepared store and
 * the pages the production server sends itself (src/lib/public/pages). The same head, stylesheet,
 * header and footer as the layout.
 */
export function SiteDocument({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- a whole document rendered outside Next */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={SITE_STYLESHEET} />
      </head>
      <body>
        <SiteHeader />
        <main>{children}</main>
        <SiteFooter />
      </body>
    </html>
  )
}

export function NotFoundMessage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        This page does not exist, or what it showed is no longer published. <a href="/">Search the reviewed answers</a>.
      </p>
    </>
  )
}

/** What a public page shows when the server failed to build it (a 500): nothing to fix on the reader's side. */
export function ServerErrorMessage() {
  return (
    <>
      <h1>This page could not be shown</h1>
      <p>
        Something went wrong on our side while preparing this page. Please try again in a few minutes, or{' '}
        <a href="/">search the reviewed answers</a>.
      </p>
    </>
  )
}
