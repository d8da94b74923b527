'use client'
import { PasswordField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'
import React from 'react'

/**
 * The current password, asked on your own account page to change your email address or password:
 * a masked input the browser's password manager fills (autocomplete "current-password"). The server
 * decides when it is needed (requireCurrentPassword); left empty, any other change saves.
 * PasswordField's own check would make it required on every save.
 */
const acceptAnything = () => true as const

export const CurrentPasswordField: TextFieldClientComponent = ({ field, path }) => (
  <PasswordField
    autoComplete="current-password"
    field={{ ...field, label: 'Current password' }}
    path={path ?? field.name}
    validate={acceptAnything}
  />
)
