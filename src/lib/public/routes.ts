import { publicPayload } from './publicPayload'
import { publicReadRoutes } from './readApi'

/** The public read API's handlers, bound to this server's Payload. */
export const publicRoutes = publicReadRoutes(publicPayload)
