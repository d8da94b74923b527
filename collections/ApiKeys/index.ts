import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access/isAdmin'
import { nobody } from '@/access/nobody'
import { SERVICE_ROLES } from '@/access/roles'
import { rejectMalformedId } from '@hooks/rejectMalformedId'
import { API_KEYS, USERS } from '../slugs'
import { issueKey, revealKeyOnce } from './hooks/issueKey'

/**
 * API keys for machine clients (README "API keys for machine clients"): one document per key = one
 * service account with one role. Admins only. A key is checked by the endpoints that accept one
 * (src/lib/apiKeys); it is never a signed-in user, so no other collection, the admin UI, GraphQL or
 * the jobs endpoints accept it. Keys are revoked, not deleted: questions keep naming the key that sent them.
 */
export const ApiKeys: CollectionConfig = {
  slug: API_KEYS,
  labels: { singular: 'API key', plural: 'API keys' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'keyPrefix', 'role', 'createdAt', 'lastUsedAt', 'revokedAt'],
    group: 'System',
    description:
      'Keys for machine clients: "importer" sends questions (POST /api/questions), "site" reads the public API with a higher rate limit. Create a key with the "New API key" box above the list: the key is shown once. To revoke a key, open it and set "Revoked at".',
    components: { beforeList: ['/src/components/admin/apiKeys/NewApiKey#NewApiKey'] },
  },
  defaultSort: '-createdAt',
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: nobody },
  hooks: { beforeOperation: [rejectMalformedId], beforeChange: [issueKey], afterChange: [revealKeyOnce] },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 120,
      admin: { description: 'Who uses this key, e.g. "Patient portal importer".' },
    },
    {
      name: 'role',
      type: 'select',
      required: true,
      options: SERVICE_ROLES.map((role) => ({ label: role === 'importer' ? 'Importer' : 'Site', value: role })),
      // A key's rights never change: revoke it and create another.
      access: { update: nobody },
      admin: { description: 'Importer: creates questions and reads their status. Site: reads the public API with a higher rate limit.' },
    },
    {
      name: 'keyPrefix',
      type: 'text',
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, description: 'The first characters of the key, to tell keys apart. The key itself is never stored.' },
    },
    {
      name: 'keyHash',
      type: 'text',
      unique: true,
      index: true,
      // SHA-256 of the key (src/lib/apiKeys/keys.ts says why not bcrypt). Never readable over any API.
      access: { read: nobody, create: nobody, update: nobody },
      admin: { hidden: true },
    },
    {
      name: 'key',
      type: 'text',
      virtual: true,
      access: { create: nobody, update: nobody },
      admin: { hidden: true },
    },
    {
      name: 'createdBy',
      type: 'relationship',
      relationTo: USERS,
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'revokedAt',
      type: 'date',
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description:
          'Set any date to revoke the key: it is refused at once on this server, within API_KEY_CACHE_SECONDS on others. A revoked key stays revoked.',
      },
    },
    {
      name: 'lastUsedAt',
      type: 'date',
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, position: 'sidebar', description: 'Updated at most once a minute.' },
    },
  ],
}
