import config from '@payload-config'
import { getPayload } from 'payload'

import { loadEnv } from '../env'
import { publicReadRoutes } from './readApi'

/** The public read API's handlers, bound to this server's Payload and allowed origins. */
export const publicRoutes = publicReadRoutes(() => getPayload({ config }), loadEnv().publicSiteOrigins)
