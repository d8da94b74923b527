import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { startPublicChangePoller } from './changeFeed'
import { installFastPathPages } from './pages/fastPathPages'

/**
 * This server's Payload for public reads: every public page and API route loads it through here. The
 * first call also starts the process's change-feed poller (other instances' publications and
 * withdrawals evict this one's prepared responses), before anything public is read.
 */
export async function publicPayload(): Promise<Payload> {
  const payload = await getPayload({ config })
  startPublicChangePoller(payload)
  return payload
}

// Every public page and route loads this module, so the production server has these from the first public request.
installFastPathPages()
