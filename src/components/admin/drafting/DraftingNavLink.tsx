import React from 'react'

/** Link to the drafting view in the admin navigation. */
export function DraftingNavLink() {
  return (
    <a className="nav__link" href="/admin/drafting" style={{ display: 'block', padding: '4px 0' }}>
      Drafting
    </a>
  )
}
