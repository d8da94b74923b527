import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { startPublicChangePoller } from './changeFeed'
import { publicReadRoutes } from './readApi'

/**
 * This server's Payload for public reads. The first call also starts the process's change-feed
 * poller (other instances' publications and withdrawals evict this one's prepared responses).
 */
export async function publicPayload(): Promise<Payload> {
  const payload = await getPayload({ config })
  startPublicChangePoller(payload)
  return payload
}

/** The public read API's handlers, bound to this server's Payload. */
export const publicRoutes = publicReadRoutes(publicPayload)
