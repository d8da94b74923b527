import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { USERS } from '@collections/slugs'

/**
 * On a database with no users (a production install, where the seed creates no demo logins),
 * the person who registers the first account through /admin or REST becomes its admin.
 * Server code (seed, scripts, tests) sets roles itself through the Local API.
 */
export const assignFirstUserAdmin: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create' || req.user || req.payloadAPI === 'local') return data
  const { totalDocs } = await req.payload.count({ collection: USERS, overrideAccess: true, req })
  if (totalDocs === 0) return { ...data, roles: ['admin'] }
  return data
}
