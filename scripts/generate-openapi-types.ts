/** `npm run generate:openapi`: writes the public API's generated types (see ./openapiTypes.ts). */
import { writeFileSync } from 'node:fs'

import { GENERATED_TYPES_PATH, openApiTypes } from './openapiTypes'

writeFileSync(GENERATED_TYPES_PATH, await openApiTypes())
console.log(`Wrote ${GENERATED_TYPES_PATH}`)
