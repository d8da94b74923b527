import type { UIFieldServerComponent } from 'payload'
import React from 'react'

import type { Answer } from '@/payload-types'
import { reviewHold } from '@/lib/workflow/reviewLock'
import { hasRole } from '@/access/roles'
import { reviewHoldLabel, WITHDRAW_REVIEW_ROLES } from '@/lib/workflow/states'

import { WithdrawFromReviewButton } from './WithdrawFromReviewButton'

/**
 * Top of an answer's edit view while a reviewer holds it: who and since when, why the content is
 * read-only, and the one way to edit it (withdraw it from review). Read on the server with the same
 * function as the 409 refusal, so both say the same.
 */
export const ReviewLockBanner: UIFieldServerComponent = async ({ data, id, req }) => {
  if (id === undefined || id === null || !data) return null
  const hold = await reviewHold(req, { ...(data as Answer), id })
  if (!hold) return null
  return (
    <div
      role="status"
      data-testid="review-lock"
      style={{
        border: '1px solid var(--theme-warning-500, #d97706)',
        background: 'var(--theme-warning-50, #fffbeb)',
        borderRadius: 4,
        padding: '12px 16px',
        marginBottom: 24,
      }}
    >
      <p style={{ margin: 0, fontWeight: 600 }}>{reviewHoldLabel(hold)}</p>
      {hasRole(req.user, ...WITHDRAW_REVIEW_ROLES) ? (
        <>
          <p style={{ margin: '4px 0 8px' }}>
            The content is read-only while it is in review: an approval covers this exact content. Withdraw it from review to edit it
            {hold.reviewers.length > 0 ? '; the reviewer is emailed that no decision is needed.' : '.'}
          </p>
          <WithdrawFromReviewButton answerId={String(id)} />
        </>
      ) : (
        <p style={{ margin: '4px 0 0' }}>The content is read-only while it is in review: an approval covers this exact content.</p>
      )}
    </div>
  )
}
