/** The public API's documented 500 (error body, no-store) also when what failed is Payload itself starting (the database unreachable). */
import { describe, expect, it } from 'vitest'

Object.assign(process.env, { PUBLIC_SITE_ORIGINS: 'https://patients.example.org', JOBS_AUTORUN: 'false' })
const { publicReadRoutes } = await import('@/lib/public/readApi')
const { resetPublicAdmission } = await import('@/lib/public/admission')

describe('Public API when Payload cannot be loaded (the database unreachable at start)', () => {
  const routes = publicReadRoutes(() => Promise.reject(new Error('database unreachable')))
  const call = async (headers: Record<string, string>) => {
    resetPublicAdmission()
    try {
      return await routes.cancerTypes.GET(new Request('http://localhost:3000/api/public/v1/cancer-types', { headers }), {
        params: Promise.resolve({}),
      })
    } catch (error) {
      return `the route threw (Next sends its own bare 500): ${String(error)}`
    }
  }
  it('a request with a site key answers the documented 500 with the error body', async () => {
    const response = await call({ authorization: `Bearer ck_${'A'.repeat(43)}` })
    expect(typeof response === 'string' ? response : response.status).toBe(500)
  })
  it('a request without a key answers the documented 500 with the error body', async () => {
    const response = await call({})
    expect(typeof response === 'string' ? response : response.status).toBe(500)
  })
})
