import type { ApiKeyPrincipal } from '@/lib/apiKeys/cache'

/** An API key of role "site": reads the public API with the site key rate limit. */
export const isSiteKey = (principal: ApiKeyPrincipal | null | undefined): boolean => principal?.role === 'site'
