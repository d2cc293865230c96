// Resolves `@target/<topic>/<file>` in the course's tests to a module of bridged functions (client.ts)
// instead of the student's code: the code under test is never loaded into the test process. Which
// functions it has comes from the course's stub, not from the submission.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseSync, transformSync } from 'rolldown/utils'
import type { Plugin } from 'vite'
import type { Target } from './target.ts'
import { EXERCISES_DIR, isInside } from '../core/paths.ts'

const TARGET_PREFIX = '@target/'
const VIRTUAL = '\0course-bridge:'
const CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bridge', 'client.ts')

export function studentBridge(target: Target, options: { watch: boolean }): Plugin {
  return {
    name: 'course-student-bridge',
    enforce: 'pre',
    resolveId(source) {
      if (source.startsWith(TARGET_PREFIX)) return `${VIRTUAL}${source.slice(TARGET_PREFIX.length).replace(/\.ts$/, '')}`
      return null
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null
      const relative = `${id.slice(VIRTUAL.length)}.ts`
      const topic = relative.split('/')[0]!
      const stub = path.join(EXERCISES_DIR, relative)
      if (!isInside(stub, EXERCISES_DIR) || !isFile(stub)) this.error(`@target/${relative}: the course has no such exercise file`)
      const override = target.overrides[relative]
      const entry = override ? path.resolve(override) : path.join(target.dir, relative)
      const names = exportsOf(stub)
      // In watch mode the test depends on the student's files as text, so that a change re-runs it.
      const watched = options.watch ? [...studentFiles(path.join(target.dir, topic)), ...(override ? [entry] : [])] : []
      return [
        `import { bridgedModule } from ${JSON.stringify(CLIENT)}`,
        ...watched.map((file) => `import ${JSON.stringify(`${file}?raw`)}`),
        `const bridged = bridgedModule(${JSON.stringify({ targetDir: target.dir, topic, entry, exports: names })})`,
        ...names.map((name) => `export const ${name} = bridged[${JSON.stringify(name)}]`),
      ].join('\n')
    },
  }
}

const exportCache = new Map<string, { mtimeMs: number; names: string[] }>()

/** The names a stub exports as values (its types and interfaces are not). */
function exportsOf(file: string): string[] {
  const mtimeMs = statSync(file).mtimeMs
  const known = exportCache.get(file)
  if (known?.mtimeMs === mtimeMs) return known.names
  const { code } = transformSync(file, readFileSync(file, 'utf8'))
  const names = parseSync(`${file}.js`, code).module.staticExports.flatMap((e) => e.entries.map((entry) => entry.exportName.name).filter((n): n is string => !!n && n !== 'default'))
  exportCache.set(file, { mtimeMs, names })
  return names
}

function studentFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).map((name) => path.join(dir, name))
  } catch {
    return []
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}
