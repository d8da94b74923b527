/**
 * Checks HTTP responses against an OpenAPI 3.1 document: the body against the operation's response
 * schema (JSON Schema 2020-12, with Ajv's 2020 build) and the documented headers (required ones
 * present, every present one matching its schema). Used by the unit test on hand-made responses and
 * by tests/e2e/openapi.test.ts on the production server's real ones.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'

type Json = { [key: string]: unknown }
type Located = { value: Json; pointer: string }

const DOCUMENT_ID = 'openapi.json'
const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

export type ResponseCheck = { method: string; path: string; status: number; headers: Headers; body: unknown }

export function openApiChecker(document: Json) {
  // Not strict: the document's own keywords (openapi, paths...) are not JSON Schema keywords; the
  // schemas themselves are checked strictly in tests/unit/openapi.test.ts.
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(document, DOCUMENT_ID)

  /** The object at `pointer`, following a local $ref (as OpenAPI's response and header objects use). */
  const at = (pointer: string): Located => {
    let value: unknown = document
    for (const segment of pointer.split('/').slice(1)) {
      value = (value as Json | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')]
      if (value === undefined) throw new Error(`The document has nothing at ${pointer}`)
    }
    const ref = (value as Json).$ref
    return typeof ref === 'string' && ref.startsWith('#/') ? at(ref.slice(1)) : { value: value as Json, pointer }
  }
  const valid = (pointer: string, data: unknown): string[] => {
    const validate = ajv.getSchema(`${DOCUMENT_ID}#${pointer}`) ?? ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` })
    return validate(data) ? [] : (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '(root)'} ${error.message}`)
  }

  /** Every way `response` departs from the document; [] when it conforms. */
  function check({ method, path, status, headers, body }: ResponseCheck): string[] {
    const operation = `/paths/${escape(path)}/${method.toLowerCase()}`
    at(operation)
    const responses = at(`${operation}/responses`).value
    if (!(String(status) in responses)) return [`${method} ${path}: status ${status} is not documented`]
    const response = at(`${operation}/responses/${status}`)
    const problems: string[] = []
    for (const name of Object.keys((response.value.headers as Json | undefined) ?? {})) {
      const header = at(`${response.pointer}/headers/${escape(name)}`)
      const value = headers.get(name)
      if (value === null) {
        if (header.value.required) problems.push(`header ${name} is missing`)
        continue
      }
      problems.push(...valid(`${header.pointer}/schema`, value).map((problem) => `header ${name}: ${problem}`))
    }
    const content = response.value.content as Json | undefined
    if (!content) {
      if (body !== undefined && body !== '') problems.push('a body where the document says there is none')
      return problems
    }
    const type = (headers.get('content-type') ?? '').split(';')[0]!.trim()
    if (!(type in content)) return [...problems, `content type "${type}" is not documented`]
    problems.push(...valid(`${response.pointer}/content/${escape(type)}/schema`, body))
    return problems
  }

  /** The schema named `name` in components.schemas, as a validator (for unit tests of the schemas). */
  const schemaProblems = (name: string, data: unknown) => valid(`/components/schemas/${escape(name)}`, data)

  return { check, schemaProblems }
}

/** The response of `fetch` in the form `check` takes (the JSON body parsed; empty for 204/304). */
export async function fetched(method: string, path: string, response: Response): Promise<ResponseCheck> {
  const text = await response.text()
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json') && text !== ''
  return { method, path, status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text }
}
