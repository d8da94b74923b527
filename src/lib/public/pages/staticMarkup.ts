import path from 'node:path'
import type { ReactElement } from 'react'

type ReactDomServer = { renderToStaticMarkup: (element: ReactElement) => string }
let server: ReactDomServer | undefined

/**
 * react-dom/server's renderToStaticMarkup, loaded by Node at run time. Next compiles route handlers
 * for React Server Components, where an import of react-dom/server fails the build ("You're
 * importing a component that imports react-dom/server") and its react-server export only throws.
 * These pages need nothing from React Server Components: they are rendered to a string once per
 * publication. So the module comes from node_modules through Node's own resolution, out of sight
 * of the bundler: the same module the tests load. The components rendered use no hooks, so the
 * elements of the bundled React render the same in it.
 */
export function renderToStaticMarkup(element: ReactElement): string {
  server ??= process.getBuiltinModule('node:module').createRequire(path.join(process.cwd(), 'package.json'))(
    'react-dom/server',
  ) as ReactDomServer
  return server.renderToStaticMarkup(element)
}
