import type { Metadata } from 'next'
import React from 'react'

import FrontendLayout from './(frontend)/layout'
import NotFound from './(frontend)/not-found'

// The branded 404 for URLs no route matches. With two root layouts ((frontend) and (payload)) Next
// otherwise answers those with its unbranded default. scripts/server.mjs also serves this page in
// place of the script-only error shell Next sends when an ISR page calls notFound() (see there).
export const metadata: Metadata = { title: 'Page not found' }

export default function GlobalNotFound() {
  return (
    <FrontendLayout>
      <NotFound />
    </FrontendLayout>
  )
}
