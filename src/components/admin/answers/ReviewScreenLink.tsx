'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

/** Answers list column: straight to the review screen. */
export function ReviewLinkCell({ rowData }: DefaultCellComponentProps) {
  return <a href={`/admin/review/${rowData.id}`}>Review screen</a>
}

/** Answer sidebar: the same draft as the reviewer sees it, with citations beside passages and the diff. */
export function ReviewScreenLink() {
  const { id } = useDocumentInfo()
  if (!id) return null
  return (
    <p className="field-type">
      <a href={`/admin/review/${id}`}>Open the review screen</a>
    </p>
  )
}
