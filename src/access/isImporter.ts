import type { ApiKeyPrincipal } from '@/lib/apiKeys/cache'

/** An API key of role "importer": creates questions over the API and reads the status of its own. */
export const isImporter = (principal: ApiKeyPrincipal | null | undefined): boolean => principal?.role === 'importer'
