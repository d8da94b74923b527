import type { CollectionBeforeValidateHook } from 'payload'

import type { WebhookEndpoint } from '@/payload-types'
import { generateWebhookSecret } from '@/lib/webhooks/signing'

/** A new endpoint saved without a secret gets a generated one (32 random bytes); an update keeps its own. */
export const generateSecret: CollectionBeforeValidateHook<WebhookEndpoint> = ({ data, operation, originalDoc }) => {
  if (!data) return data
  const secret = typeof data.secret === 'string' ? data.secret.trim() : data.secret
  if (operation === 'create' && !secret) return { ...data, secret: generateWebhookSecret() }
  if (operation === 'update' && (secret === '' || secret === null)) return { ...data, secret: originalDoc?.secret }
  return secret === data.secret ? data : { ...data, secret }
}
