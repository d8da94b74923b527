/**
 * The TypeScript types of the public read API, generated from its OpenAPI document with
 * openapi-typescript (what an outside developer would run against /api/public/v1/openapi.json),
 * formatted with the repository's Prettier settings. `npm run generate:openapi` writes them to
 * GENERATED_TYPES_PATH; tests/unit/openapi.test.ts fails when the committed file is out of date.
 */
import path from 'node:path'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import prettier from 'prettier'

import { openApiDocument } from '@/lib/openapi/document'

export const GENERATED_TYPES_PATH = path.resolve(import.meta.dirname, '..', 'src/lib/openapi/publicApi.generated.ts')

const HEADER = '// Generated from the OpenAPI document by `npm run generate:openapi` (scripts/openapiTypes.ts). Do not edit.\n'

export async function openApiTypes(): Promise<string> {
  const ast = await openapiTS(openApiDocument() as unknown as OpenAPI3, { alphabetize: false })
  const options = await prettier.resolveConfig(GENERATED_TYPES_PATH)
  return prettier.format(HEADER + astToString(ast), { ...options, filepath: GENERATED_TYPES_PATH })
}
