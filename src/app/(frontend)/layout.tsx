import type { Metadata } from 'next'
import React from 'react'

import { SITE_STYLESHEET, SiteFooter, SiteHeader } from '@/components/site/SiteChrome'

export const metadata: Metadata = {
  title: 'Cancer questions answered, reviewed by oncologists',
  description: 'Plain-language answers to patient questions about cancer, drafted from named guidelines and reviewed by oncologists.',
}

export default function FrontendLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        {/* public/site.css, the one stylesheet of every public page (the answer pages link it too). */}
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
