'use client'
import { JoinField, useFormFields } from '@payloadcms/ui'
import type { JoinFieldClientProps } from 'payload'
import React from 'react'

/**
 * The question's answers, as Payload's join table. Payload's table loads its rows once; keyed on the
 * question's status it loads them again when the status moves (a draft saved, a submission), so a
 * new draft is listed as soon as the drafting box sees it, without reloading the page.
 */
export function QuestionAnswers(props: JoinFieldClientProps) {
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  return <JoinField key={status ?? 'new'} {...props} />
}
