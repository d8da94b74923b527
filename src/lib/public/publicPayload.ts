import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { startPublicChangePoller } from './changeFeed'
import { installOnFastPath } from './delivery'
import { renderServerErrorPage } from './pages/document'

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

// When a page Next renders fails (the home page, its database unreadable), Next answers 500 with a
// script-only shell that the public policy (`script-src 'none'`) leaves blank: scripts/server.mjs
// sends this page in its place. Installed here because every public page and route loads this module.
installOnFastPath({ serverErrorPage: renderServerErrorPage() })
