import React from 'react'

const LINKS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/backlog', label: 'Question backlog' },
  { href: '/admin/import', label: 'Import questions (CSV)' },
]

/** The editorial views in the admin navigation, above the collections. */
export function AdminNavLinks() {
  return (
    <nav aria-label="Editorial views" style={{ marginBottom: 16 }}>
      {LINKS.map((link) => (
        <a className="nav__link" href={link.href} key={link.href} style={{ display: 'block', padding: '4px 0' }}>
          {link.label}
        </a>
      ))}
    </nav>
  )
}
