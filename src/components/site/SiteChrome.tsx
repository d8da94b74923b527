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
