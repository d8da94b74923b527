import type { CollectionBeforeOperationHook } from 'payload'

import { Forbidden } from '@/lib/errors'

/**
 * A workflow field (a question's status, an answer's stage) is derived by the workflow
 * (src/lib/workflow/transitions.ts), never typed in. A request that tries to set it to something
 * else is refused with the reason, instead of Payload dropping the value and answering 200. The
 * admin form sends the field back unchanged, which passes. Server code writes with overrideAccess.
 */
export function refuseWorkflowWrites(field: string, initial: string, how: string): CollectionBeforeOperationHook {
  return async ({ args, collection, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const { data, id, overrideAccess } = args as { data?: Record<string, unknown>; id?: string | number; overrideAccess?: boolean }
    if (overrideAccess === true || !data || typeof data !== 'object' || !(field in data)) return args
    const sent = data[field]
    let current: unknown = initial
    if (operation === 'update') {
      // Someone who may not update the document gets access control's refusal, the same whatever is
      // stored: comparing first told the public (and reviewers) which ids exist and in which stage.
      if (!(await collection.access.update?.({ req, id: id ?? undefined, data }))) return args
      if (id === undefined || id === null) current = undefined
      else
        current = (
          await req.payload.findByID({
            collection: collection.slug,
            id,
            depth: 0,
            draft: true,
            overrideAccess: true,
            disableErrors: true,
            req,
          })
        )?.[field as never]
    }
    if (sent !== current)
      throw new Forbidden(`The ${field === 'status' ? 'status' : 'workflow stage'} cannot be set by hand: it follows the workflow. ${how}`)
    return args
  }
}
