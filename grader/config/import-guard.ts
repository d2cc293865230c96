// Resolves `@target/…` and `@course/…`, and refuses every other import from exercise code.
//
// Exercise code (anything under the target folder except the course's own `*.test.ts`) may import:
//   - its own files, by relative path, without leaving the target folder;
//   - `@course/<name>`: the student-facing part of `reference/` (the rng, the expression type, …);
//   - `@tensorflow/tfjs`, which is redirected to `@course/tf` so that everyone shares one backend.
// Everything else (Node built-ins such as `fs`, `child_process`, `net`; the answer key; the grader;
// the oracles; other packages) is refused with a message that says why. This is a first line of
// defence that gives students a clear error; the grader's process sandbox is the real boundary.
import path from 'node:path'
import { builtinModules } from 'node:module'
import type { Plugin } from 'vite'
import { EXERCISES_DIR, PUBLIC_REFERENCE_DIR, isInside } from '../paths.ts'
import { studentPackageFile } from './package-map.ts'
import type { Target } from './target.ts'

const TARGET_PREFIX = '@target/'
const COURSE_PREFIX = '@course/'
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))

export class ForbiddenImportError extends Error {
  override name = 'ForbiddenImportError'
}

export function importGuard(target: Target): Plugin {
  const overrides = new Map(
    Object.entries(target.overrides).map(([rel, file]) => [path.join(target.dir, rel), path.resolve(file)]),
  )
  const isCourseTest = (file: string) => isInside(file, EXERCISES_DIR) && /\.test\.ts$/.test(file)
  const isExerciseCode = (file: string | undefined): file is string =>
    !!file && (isInside(file, target.dir) || [...overrides.values()].includes(file)) && !isCourseTest(file)
  const shown = (file: string) => path.relative(target.dir, file) || file

  return {
    name: 'course-import-guard',
    enforce: 'pre',
    async resolveId(source, importer) {
      const from = importer?.split('?')[0]
      if (source.startsWith(TARGET_PREFIX)) {
        const wanted = path.join(target.dir, source.slice(TARGET_PREFIX.length))
        for (const candidate of [wanted, `${wanted}.ts`]) {
          const replaced = overrides.get(candidate)
          if (replaced) return replaced
        }
        return (await this.resolve(wanted, importer, { skipSelf: true }))?.id ?? null
      }
      if (source.startsWith(COURSE_PREFIX)) {
        const file = path.join(PUBLIC_REFERENCE_DIR, source.slice(COURSE_PREFIX.length))
        if (!isInside(file, PUBLIC_REFERENCE_DIR)) this.error(`"${source}" is not a course module`)
        return (await this.resolve(file, importer, { skipSelf: true }))?.id ?? null
      }
      if (!isExerciseCode(from)) return null

      const refuse = (why: string): never => {
        throw new ForbiddenImportError(
          `Forbidden import "${source}" in ${shown(from)}: ${why} ` +
            `Exercise code may import only its own files, @course/… modules and @tensorflow/tfjs.`,
        )
      }
      // Packages exercise code may import, mapped to the course module that stands in for each.
      const standIn = studentPackageFile(source)
      if (standIn) return this.resolve(standIn, from, { skipSelf: true })
      if (BUILTINS.has(source)) refuse('Node built-in modules (file system, processes, network) are off limits.')
      if (source.startsWith('.') || path.isAbsolute(source)) {
        const resolved = await this.resolve(source, importer, { skipSelf: true })
        const file = resolved?.id.split('?')[0]
        if (file && !isExerciseCode(file)) refuse('it leaves your exercises folder.')
        return resolved
      }
      return refuse('packages other than @tensorflow/tfjs are not available to exercises.')
    },
  }
}
