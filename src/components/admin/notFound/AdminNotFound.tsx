'use client'
import { Button, Gutter, useConfig, useTranslation } from '@payloadcms/ui'
import React from 'react'

/**
 * The admin's not-found page: Payload's message (`general:sorryNotFound`, set in payload.config.ts)
 * and a way back, inside the admin's root layout. It reads nothing on the server; see
 * src/app/(payload)/admin/[[...segments]]/not-found.tsx for why.
 */
export function AdminNotFound() {
  const { t } = useTranslation()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  return (
    <div className="not-found not-found--margin-top-large">
      <Gutter className="not-found__wrap">
        <h1>{t('general:nothingFound')}</h1>
        <p>{t('general:sorryNotFound')}</p>
        <Button className="not-found__button" el="link" size="large" to={admin}>
          {t('general:backToDashboard')}
        </Button>
      </Gutter>
    </div>
  )
}
