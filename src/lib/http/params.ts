import { isValidID, type CollectionSlug, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'
import { z } from 'zod'

import { BadRequest, NotFound } from '../errors'
import { documentId, type Id } from '../relationId'
import { issuesMessage, plainIssue } from './zodMessage'

/** A document id as clients send it in a body: a number (SQLite) or a string (MongoDB). */
export const idSchema = z.union([z.number().int().positive(), z.string().trim().min(1).max(64)])

/**
 * An id as the database takes it, or undefined when it can name no document ("abc" on SQLite, a
 * number on MongoDB, an object from a query string).
 */
export function validDocumentId(idType: 'number' | 'text', value: unknown): Id | undefined {
  const candidate = typeof value === 'number' || typeof value === 'string' ? documentId(idType, value) : undefined
  if (candidate === undefined) return undefined
  const valid = idType === 'number' ? isValidID(candidate, 'number') : isValidID(String(candidate), 'ObjectID')
  return valid ? candidate : undefined
}

/** "/api/answers/abc" names no document: a 404 like any unknown id (hooks/rejectMalformedId.ts too). */
export function noDocumentWithId(collection: Pick<SanitizedCollectionConfig, 'labels' | 'slug'>, sent: unknown): NotFound {
  const label = collection.labels?.singular
  return new NotFound(`No ${typeof label === 'string' ? label.toLowerCase() : collection.slug} with id "${String(sent)}" exists.`)
}

/** The `:id` of a custom endpoint's route, typed for the database; a malformed one is a 404. */
export function parseRouteId(req: PayloadRequest, collection: CollectionSlug): Id {
  const sent = req.routeParams?.id
  const id = validDocumentId(req.payload.db.defaultIDType, sent)
  if (id === undefined) throw noDocumentWithId(req.payload.collections[collection].config, sent)
  return id
}

/** A custom endpoint's query string, parsed with its zod schema; a refused value is a 400 naming it. */
export function parseQuery<Schema extends z.ZodType>(req: PayloadRequest, schema: Schema): z.output<Schema> {
  const params = new URLSearchParams(req.searchParams ?? [])
  // A bracketed key (months[a]=1) is how query strings nest objects; no custom endpoint takes one.
  const nested = [...params.keys()].find((key) => key.includes('['))
  if (nested) throw new BadRequest(`Unknown query parameter "${nested}".`)
  return parseSearchParams(params, schema)
}

/**
 * A query string parsed with its zod schema (the last value of a repeated parameter counts); a
 * refused value is a BadRequest whose message names it. Used by parseQuery and the public read API.
 */
export function parseSearchParams<Schema extends z.ZodType>(params: URLSearchParams, schema: Schema): z.output<Schema> {
  const parsed = schema.safeParse(Object.fromEntries(params), { error: plainIssue })
  if (parsed.success) return parsed.data
  throw new BadRequest(issuesMessage(parsed.error.issues))
}
