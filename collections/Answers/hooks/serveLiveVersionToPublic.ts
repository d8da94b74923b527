import type { CollectionBeforeOperationHook } from 'payload'

/**
 * `?draft=true` asks for the newest version. Only the team may see unapproved versions, so for an
 * anonymous REST or GraphQL reader the flag is dropped and the live (published) version is served.
 * Server code (Local API) is trusted and reads drafts as asked.
 */
export const serveLiveVersionToPublic: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && !req.user && req.payloadAPI !== 'local' && 'draft' in args && args.draft) {
    return { ...args, draft: false }
  }
  return args
}
