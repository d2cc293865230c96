// What the student release installs: only the packages its own files use. The course's
// package.json also carries maintainer-only tools (StrykerJS for mutation testing, playwright-core
// and axe-core for the report tests, …); the release keeps a dependency only if one of its files
// imports it (or resolves a file of it), or a script it ships runs it, and the @types of those.
// The lockfile is pruned to match: the same resolved versions and integrities, minus every package
// nothing kept reaches, with the dev/optional flags recomputed so that `npm ci --omit=optional` on
// CI installs exactly what the release needs.
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** Packages the shipped npm scripts run by name (they are not imported by any file). */
const RUN_BY_SCRIPTS = ['vitest', 'tsx', 'typescript']

/** Package names a source text imports or resolves (`from 'x'`, `import('x')`, `require.resolve('x/…')`). */
export function importedPackages(source: string): Set<string> {
  const names = new Set<string>()
  const spec = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|require(?:\.resolve)?\(\s*)(['"])([^'"\n]+)\1/g
  for (const m of source.matchAll(spec)) {
    const s = m[2]!
    if (s.startsWith('.') || s.startsWith('/') || s.startsWith('node:') || s.startsWith('@course/') || s.startsWith('@target/')) continue
    const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!
    if (/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name)) names.add(name)
  }
  return names
}

interface PackageJson {
  name: string
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/** The dependencies a release made of `files` (relative paths under `root`) needs, by section. */
export function neededDependencies(pkg: PackageJson, root: string, files: string[]): { kept: PackageJson; dropped: string[] } {
  const used = new Set(RUN_BY_SCRIPTS)
  for (const file of files.filter((f) => /\.(ts|mts|mjs|js)$/.test(f))) for (const name of importedPackages(readFileSync(path.join(root, file), 'utf8'))) used.add(name)
  const wanted = (name: string) => used.has(name) || (name.startsWith('@types/') && (name === '@types/node' || used.has(name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2'))))
  const dropped: string[] = []
  const kept: PackageJson = { ...pkg }
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    if (!pkg[section]) continue
    // The optional native TensorFlow goes too: grading (CI, Gradescope, npm run report) runs under
    // Node's permission model, which cannot load it, and its install downloads libtensorflow from
    // outside the registry. (`npm ci --omit=optional` cannot skip it alone: it would also drop the
    // native builds of esbuild, rolldown and lightningcss that vitest needs.)
    const entries = Object.entries(pkg[section]!).filter(([name]) => (section !== 'optionalDependencies' && wanted(name)) || (dropped.push(name), false))
    if (entries.length) kept[section] = Object.fromEntries(entries)
    else delete kept[section]
  }
  return { kept, dropped: dropped.sort() }
}

interface LockPackage {
  version?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  dev?: boolean
  optional?: boolean
  devOptional?: boolean
  peer?: boolean
  [key: string]: unknown
}

interface Lockfile {
  lockfileVersion: number
  packages: Record<string, LockPackage>
  [key: string]: unknown
}

/** Where Node (and npm) finds `name` from the package at `from` (a lockfile key, '' for the root). */
function resolveIn(packages: Record<string, LockPackage>, from: string, name: string): string | undefined {
  let dir = from
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
    if (packages[candidate]) return candidate
    if (!dir) return undefined
    const at = dir.lastIndexOf('/node_modules/')
    dir = at < 0 ? '' : dir.slice(0, at)
  }
}

type Edge = { to: string; optional: boolean }

function edges(packages: Record<string, LockPackage>, key: string): Edge[] {
  const p = packages[key]!
  const out: Edge[] = []
  const add = (deps: Record<string, string> | undefined, optional: (name: string) => boolean) => {
    for (const name of Object.keys(deps ?? {})) {
      const to = resolveIn(packages, key, name)
      if (to) out.push({ to, optional: optional(name) })
    }
  }
  add(p.dependencies, () => false)
  add(p.optionalDependencies, () => true)
  add(p.peerDependencies, (name) => p.peerDependenciesMeta?.[name]?.optional === true)
  return out
}

function reach(packages: Record<string, LockPackage>, starts: Edge[], followOptional: boolean): Set<string> {
  const seen = new Set<string>()
  const queue = starts.filter((e) => followOptional || !e.optional).map((e) => e.to)
  while (queue.length) {
    const key = queue.pop()!
    if (seen.has(key)) continue
    seen.add(key)
    for (const e of edges(packages, key)) if (followOptional || !e.optional) queue.push(e.to)
  }
  return seen
}

/**
 * The lockfile for `pkg` (whose dependencies are a subset of the lockfile's root): the packages it
 * still reaches, as they were resolved, with npm's dev / optional / devOptional flags recomputed.
 */
export function pruneLockfile(lock: Lockfile, pkg: PackageJson): Lockfile {
  const packages = lock.packages
  const rootEdges = (section: Record<string, string> | undefined, optional: boolean) =>
    Object.keys(section ?? {}).flatMap((name) => {
      const to = resolveIn(packages, '', name)
      if (!to) throw new Error(`the lockfile has no ${name}`)
      return [{ to, optional }]
    })
  const prod = [...rootEdges(pkg.dependencies, false), ...rootEdges(pkg.optionalDependencies, true)]
  const dev = rootEdges(pkg.devDependencies, false)
  const prodAll = reach(packages, prod, true)
  const prodRequired = reach(packages, prod, false)
  const devAll = reach(packages, dev, true)
  const devRequired = reach(packages, dev, false)

  const kept: Record<string, LockPackage> = {}
  const root = { ...packages['']! } as LockPackage
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    if (pkg[section]) root[section] = pkg[section]
    else delete root[section]
  }
  kept[''] = root
  for (const [key, value] of Object.entries(packages)) {
    if (key === '' || !(prodAll.has(key) || devAll.has(key))) continue
    const entry: LockPackage = { ...value }
    delete entry.dev
    delete entry.optional
    delete entry.devOptional
    if (!prodAll.has(key)) {
      entry.dev = true
      if (!devRequired.has(key)) entry.optional = true
    } else if (!prodRequired.has(key)) {
      // Needed by an optional dependency, and by the dev tree too: npm's "devOptional".
      if (devAll.has(key)) entry.devOptional = true
      else entry.optional = true
    }
    kept[key] = reorder(entry, value)
  }
  return { ...lock, name: pkg.name, packages: kept }
}

/** The entry with its original keys (and order), the recomputed flags last. */
function reorder(entry: LockPackage, original: LockPackage): LockPackage {
  const out: LockPackage = {}
  for (const k of Object.keys(original)) if (!['dev', 'optional', 'devOptional'].includes(k) && entry[k] !== undefined) out[k] = entry[k]
  for (const k of ['dev', 'optional', 'devOptional'] as const) if (entry[k]) out[k] = true
  return out
}
