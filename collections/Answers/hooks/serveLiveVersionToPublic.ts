import type { CollectionBeforeOperationHook } from 'payload'

/**
 * `?draft=true` asks for the newest version. Only the team may see unapproved versions, so for an
 * anonymous reader the flag is dropped and the live (published) version is served.
 */
export const serveLiveVersionToPublic: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && !req.user && 'draft' in args && args.draft) {
    return { ...args, draft: false }
  }
  return args
}
