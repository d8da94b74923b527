/**
 * The typed client of the README's "OpenAPI for the public API": plain `fetch`, with types
 * generated from the document by openapi-typescript (./publicApi.generated.ts). Type-checked by
 * `tsc` and run against the production server by tests/e2e/openapi.test.ts; the README shows this
 * file from its first import on (tests/unit/openapi.test.ts checks that it is the same), so the
 * README's example compiles and works. The product itself does not use it.
 */
import type { components, paths } from './publicApi.generated'

export type Answer = components['schemas']['Answer']
export type AnswerList = components['schemas']['AnswerList']
export type CancerType = components['schemas']['CancerType']
export type ListQuery = NonNullable<paths['/answers']['get']['parameters']['query']>
type ApiError = components['schemas']['Error']

/** A refusal or failure of the API, with its message. */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export function publicApi(baseUrl: string) {
  async function get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const url = new URL(`/api/public/v1${path}`, baseUrl)
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value))
    const response = await fetch(url)
    if (!response.ok) throw new PublicApiError(response.status, ((await response.json()) as ApiError).errors[0]!.message)
    return (await response.json()) as T
  }
  return {
    listAnswers: (query: ListQuery = {}) => get<AnswerList>('/answers', query),
    getAnswer: (slug: string) => get<Answer>(`/answers/${encodeURIComponent(slug)}`),
    listCancerTypes: () => get<CancerType[]>('/cancer-types'),
  }
}

/** Usage: the references of the best answer about surgery for pancreatic cancer. */
export async function surgeryReferences(api = publicApi('https://cms.example.org')): Promise<string[]> {
  const { docs } = await api.listAnswers({ cancerType: 'pancreatic', q: 'surgery' })
  const answer = await api.getAnswer(docs[0]!.slug)
  return answer.references.map((ref) => `[${ref.n}] ${ref.publisher}: ${ref.title} (${ref.version})`)
}
