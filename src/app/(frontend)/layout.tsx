import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import './styles.css'

export const metadata: Metadata = {
  title: 'Cancer questions answered, reviewed by oncologists',
  description: 'Plain-language answers to patient questions about cancer, drafted from named guidelines and reviewed by oncologists.',
}

export default function FrontendLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/">Clinician-reviewed cancer answers</Link>
        </header>
        <main>{children}</main>
        <footer className="site-footer">
          <p>
            For informational purposes only. This is not medical advice and does not replace a conversation with your own oncology team.
          </p>
        </footer>
      </body>
    </html>
  )
}
