/**
 * The site's own 500 page on the production server (`npm start`), when a public page cannot be
 * built: the answers and cancer types tables are moved away between two starts on the same data, so
 * every public read fails for real. Each public page, those Next renders (the home page, a search)
 * and those from the prepared store (an answer, a cancer type, the sitemap), answers 500 with the
 * site's frame, the informational notice and the public CSP, never Next's blank script-only shell
 * or an empty body; nothing of it is kept, so the pages come back as soon as the data does. And a
 * URL whose percent-encoding does not decode, which Next fails on with a bare 500, gets a 404 page
 * (pages) or a 400 that says why (API).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { freePort, startProduct, stopProduct, type ServerHandle } from '../helpers/server'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-error-pages-'))
const SLUG = 'is-surgery-an-option-for-metastatic-pancreatic-cancer'
const PAGES = ['/', '/?q=surgery', `/answers/${SLUG}`, '/cancer-types/pancreatic', '/sitemap.xml']
const MOVED = { answers: 'answers_moved_away', cancer_types: 'cancer_types_moved_away' }
let server: ServerHandle | undefined
let base = ''

async function renameTables(pairs: [string, string][]) {
  const db = createClient({ url: `file:${path.join(dataDir, 'cms.db')}` })
  try {
    for (const [from, to] of pairs) await db.execute(`ALTER TABLE ${from} RENAME TO ${to}`)
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  // The first start migrates and seeds; the second starts on the damaged data (its readiness check
  // reads neither table, and its warm-up of the public store fails and is logged).
  await stopProduct(await startProduct(port, dataDir))
  await renameTables(Object.entries(MOVED))
  server = await startProduct(port, dataDir, {}, { readyPath: '/api/users/me' })
}, 16 * 60_000)

afterAll(async () => {
  if (server) await stopProduct(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('500 pages on the production server', () => {
  it('every public page that cannot be built answers the site’s 500 page: frame, notice, public CSP, not stored', async () => {
    for (const page of PAGES) {
      const response = await fetch(`${base}${page}`)
      const html = await response.text()
      expect(response.status, page).toBe(500)
      expect(response.headers.get('content-type'), page).toBe('text/html; charset=utf-8')
      expect(response.headers.get('cache-control'), page).toMatch(/no-store/)
      expect(response.headers.get('content-security-policy'), page).toMatch(/script-src 'none'/)
      expect(html, page).toContain('<h1>This page could not be shown</h1>')
      expect(html, page).toContain('For informational purposes only')
      expect(html, page).toContain('<header class="site-header">')
      expect(html, page).not.toContain('__next_error__')
    }
    // Each page logs why (the home page and its search as the prepared pages do).
    for (const logged of [`/answers/${SLUG}`, '/'])
      await vi.waitFor(() => expect(server!.output()).toContain(`Public page ${logged} could not be built`), { timeout: 10_000 })
  })

  it('with the data back, the same pages answer 200 at once: no failure was kept', async () => {
    await renameTables(Object.entries(MOVED).map(([table, moved]) => [moved, table]))
    for (const page of PAGES) expect((await fetch(`${base}${page}`)).status, page).toBe(200)
    expect(await (await fetch(`${base}/answers/${SLUG}`)).text()).toContain('<h1>Can surgery help when pancreatic cancer has spread?</h1>')
  })

  it('a path whose percent-encoding does not decode: the site’s 404 page for a page, a 400 that says why for the API, not a bare 500', async () => {
    const asWritten = (requestPath: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const { hostname, port } = new URL(base)
        http
          .get({ hostname, port, path: requestPath }, (response) => {
            let body = ''
            response.setEncoding('utf8')
            response.on('data', (chunk: string) => (body += chunk))
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
          })
          .on('error', reject)
      })
    for (const page of ['/answers/%E0%A4%A', '/cancer-types/%zz', '/%']) {
      const response = await asWritten(page)
      expect(response.status, page).toBe(404)
      expect(response.headers['content-security-policy'], page).toMatch(/script-src 'none'/)
      expect(response.body, page).toContain('<h1>Page not found</h1>')
      expect(response.body, page).toContain('For informational purposes only')
    }
    for (const api of ['/api/public/v1/answers/%', '/api/public/v1/answers/%C0%AF']) {
      const response = await asWritten(api)
      expect(response.status, api).toBe(400)
      expect(response.headers['content-type'], api).toBe('application/json; charset=utf-8')
      expect(JSON.parse(response.body).errors[0].message, api).toMatch(
        /^The address is not valid: it contains a malformed percent-encoding/,
      )
    }
    // A well-formed encoding of a real slug is still the answer.
    expect((await asWritten(`/answers/%69${SLUG.slice(1)}`)).status).toBe(200)
  })

  it('other methods on the read-only public paths: 405 naming the methods allowed', async () => {
    for (const [method, page] of [
      ['POST', `/answers/${SLUG}`],
      ['POST', '/'],
      ['PUT', '/?q=surgery'],
      ['DELETE', '/cancer-types/pancreatic'],
      ['PUT', '/sitemap.xml'],
      ['PATCH', `/api/public/v1/answers/${SLUG}`],
    ]) {
      const response = await fetch(`${base}${page}`, { method })
      const body = await response.text()
      expect(response.status, `${method} ${page}`).toBe(405)
      expect(response.headers.get('allow'), `${method} ${page}`).toBe('GET, HEAD, OPTIONS')
      expect(response.headers.get('cache-control'), `${method} ${page}`).toBe('no-store')
      const message = `Only GET, HEAD and OPTIONS are accepted here, not ${method}.`
      expect(body, `${method} ${page}`).toBe(page.startsWith('/api/') ? JSON.stringify({ errors: [{ message }] }) : `${message}\n`)
    }
  })

  it('a method no route serves (TRACE, which fetch cannot even send): 405 naming the methods, not a 500', async () => {
    for (const path of [`/answers/${SLUG}`, '/api/answers', '/admin']) {
      const { status, headers, body } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
        (resolve, reject) => {
          const request = http.request(`${base}${path}`, { method: 'TRACE' }, (response) => {
            let text = ''
            response.setEncoding('utf8')
            response.on('data', (chunk: string) => (text += chunk))
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }))
          })
          request.on('error', reject)
          request.end()
        },
      )
      expect(status, `TRACE ${path}: ${body}`).toBe(405)
      expect(headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(body).toBe('The TRACE method is not supported here.\n')
    }
  })
})
