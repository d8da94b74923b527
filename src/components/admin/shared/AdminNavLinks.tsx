import React from 'react'

import type { User } from '@/payload-types'
import { hasRole } from '@/access/roles'

const LINKS = [
  { href: '/admin', label: 'Dashboard', editorsOnly: false },
  { href: '/admin/backlog', label: 'Question backlog', editorsOnly: true },
  { href: '/admin/import', label: 'Import questions (CSV)', editorsOnly: true },
]

/** The editorial views in the admin navigation, above the collections; reviewers get their dashboard. */
export function AdminNavLinks({ user }: { user?: User | null }) {
  const isEditor = hasRole(user, 'editor', 'admin')
  return (
    <nav aria-label="Editorial views" style={{ marginBottom: 16 }}>
      {LINKS.filter((link) => isEditor || !link.editorsOnly).map((link) => (
        <a className="nav__link" href={link.href} key={link.href} style={{ display: 'block', padding: '4px 0' }}>
          {link.label}
        </a>
      ))}
    </nav>
  )
}
