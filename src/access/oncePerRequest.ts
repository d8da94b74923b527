import type { PayloadRequest } from 'payload'

const memos = new WeakMap<object, Map<string, Promise<unknown>>>()

/**
 * Runs `lookup` once per HTTP request and key; concurrent and later callers share its promise.
 *
 * For access lookups that Payload asks for many times per request: one page of the admin builds
 * several `req` objects (the root layout's and the page's), and each computes every collection's
 * permissions, several operations at a time. Those `req`s share the request's headers object, so
 * that is the key (a Local API call without a request gets headers of its own). A failed lookup is
 * forgotten, so the next caller tries again.
 */
export function oncePerRequest<T>(req: PayloadRequest, key: string, lookup: () => Promise<T>): Promise<T> {
  const owner: object = req.headers ?? req.context
  let memo = memos.get(owner)
  if (!memo) memos.set(owner, (memo = new Map()))
  let pending = memo.get(key) as Promise<T> | undefined
  if (!pending) {
    pending = lookup()
    memo.set(key, pending)
    pending.catch(() => memo.delete(key))
  }
  return pending
}
