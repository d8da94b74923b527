/**
 * The layout stays navigable: imports use the path aliases instead of climbing folders, nothing
 * imports itself in a circle, and the README's architecture map matches the tree.
 */
import fs from 'node:fs'
import path from 'node:path'
import madge from 'madge'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const NOT_SOURCE = new Set(['node_modules', '.next', '.git', 'data', 'test-results', 'docs'])
const GENERATED_OR_LOCAL = new Set(['node_modules', 'data', 'test-results'])

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_SOURCE.has(entry.name)) return []
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : []
  })
}

const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+|vi\.mock\(\s*)['"]([^'"]+)['"]/g

describe('imports', () => {
  it('no import climbs more than one folder (use @/, @collections/, @hooks/, @seed/, @tests/, @migrations/, @scripts/, @bench/)', () => {
    const climbing = sourceFiles(root).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)]
        .map((match) => match[1])
        .filter((specifier) => specifier.startsWith('../../'))
        .map((specifier) => `${path.relative(root, file)}: ${specifier}`),
    )
    expect(climbing).toEqual([])
  })

  it('there are no import cycles', async () => {
    const graph = await madge(['payload.config.ts', 'collections', 'hooks', 'src', 'seed', 'scripts'], {
      baseDir: root,
      fileExtensions: ['ts', 'tsx', 'mjs'],
      tsConfig: path.join(root, 'tsconfig.json'),
      excludeRegExp: [/node_modules/, /payload-types\.ts$/],
      // Type-only imports vanish at compile time, so they cannot form a cycle at run time.
      detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
    })
    // The graph must have found the collections, or an empty graph would pass.
    expect(Object.keys(graph.obj())).toContain('collections/Questions/index.ts')
    expect(graph.circular()).toEqual([])
  })
})

type MapEntry = { line: number; path: string }

/** The paths named in the README's architecture map, relative to the repository root. */
function architectureMap(): MapEntry[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const block = /## Architecture\n\n```\n([\s\S]*?)```/.exec(readme)
  if (!block) throw new Error('README.md has no "## Architecture" code block')
  const entries: MapEntry[] = []
  let parent = ''
  block[1].split('\n').forEach((text, index) => {
    const indent = text.length - text.trimStart().length
    // Deeper lines continue the description above; the path column ends at the first wide gap.
    if (!text.trim() || indent > 4) return
    const paths = text
      .trim()
      .split(/\s{2,}/)[0]
      .split(' ')
    if (indent === 0) parent = paths[0].endsWith('/') ? paths[0] : ''
    for (const named of paths) entries.push({ line: index + 1, path: indent === 0 ? named : parent + named })
  })
  return entries
}

describe("the README's architecture map", () => {
  const entries = architectureMap()
  const named = entries.map((entry) => entry.path.replace(/\/$/, ''))
  // A folder counts as named when the map names it or something inside it.
  const isNamed = (candidate: string) => named.some((entry) => entry === candidate || entry.startsWith(`${candidate}/`))
  const missingFrom = (folder: string, keep: (entry: fs.Dirent) => boolean) =>
    fs
      .readdirSync(path.join(root, folder), { withFileTypes: true })
      .filter(keep)
      .map((entry) => path.posix.join(folder, entry.name))
      .filter((candidate) => !isNamed(candidate))

  it('names only paths that exist', () => {
    expect(entries.length).toBeGreaterThan(20)
    expect(
      entries.filter((entry) => !fs.existsSync(path.join(root, entry.path))).map((entry) => `line ${entry.line}: ${entry.path}`),
    ).toEqual([])
  })

  it('names every top-level folder, collection and src/lib folder', () => {
    const topLevel = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !GENERATED_OR_LOCAL.has(entry.name))
      .map((entry) => entry.name)
      .filter((folder) => !isNamed(folder))
    expect(topLevel).toEqual([])
    expect(missingFrom('collections', () => true)).toEqual([])
    expect(missingFrom('src', (entry) => entry.isDirectory())).toEqual([])
    expect(missingFrom('src/lib', (entry) => entry.isDirectory())).toEqual([])
  })
})
