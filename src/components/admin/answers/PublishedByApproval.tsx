import React from 'react'

/**
 * Replaces the admin's Publish button on answers: nobody publishes by hand. An answer goes live
 * when enough assigned reviewers approve its current content.
 */
export function PublishedByApproval() {
  return <span style={{ alignSelf: 'center', fontSize: 13, color: 'var(--theme-elevation-600)' }}>Goes live when reviewers approve it</span>
}
