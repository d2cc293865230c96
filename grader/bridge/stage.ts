// Prepares a student's TypeScript for the student process: each module is compiled to JavaScript
// (with a source map, so stack traces point at the student's own lines), its imports are checked
// against the course's rules and rewritten to the staged copies, and the result is written into a
// folder of its own, the only code the student process may read besides node_modules.
//
// Exercise code may import its own topic's files by relative path, `@course/<name>` (the public part
// of reference/) and `@tensorflow/tfjs` (which is `@course/tf`, so that one TensorFlow.js is used).
// Everything else, Node's built-in modules, other packages, another topic's files, an import whose
// name is computed, is refused with a message that says why. The course's own modules (the bridge's
// host, `@course/…`) import what they like.
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseSync, transformSync } from 'rolldown/utils'
import { studentPackageFile } from '../core/package-map.ts'
import { COURSE_ROOT, PUBLIC_REFERENCE_DIR, isInside } from '../core/paths.ts'

const PUBLIC_PREFIX = '@course/'
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
const RULE = 'Exercise code may import only its own topic\'s files, @course/… modules and @tensorflow/tfjs.'

export type StageProblem = 'forbidden-import' | 'syntax-error' | 'missing-file'

/** Why a module could not be prepared; its message is for the student. */
export class StageError extends Error {
  override name = 'StageError'
  constructor(
    readonly problem: StageProblem,
    message: string,
  ) {
    super(message)
  }
}

export interface StageOptions {
  /** The folder to write into; the student process may read it. */
  dir: string
  /** The folder of `NN-topic/` folders under test. */
  targetDir: string
  topic: string
  /** How a file is named in messages (the student's view: `exercises/01-limits/limits.ts`). */
  display(file: string): string
}

export class Stager {
  private readonly staged = new Map<string, string>()
  private readonly topicDir: string

  constructor(private readonly options: StageOptions) {
    this.topicDir = path.join(options.targetDir, options.topic)
    mkdirSync(options.dir, { recursive: true })
    // Packages the course's modules import resolve through the course's own node_modules.
    const link = path.join(options.dir, 'node_modules')
    if (!existsSync(link)) symlinkSync(path.join(COURSE_ROOT, 'node_modules'), link, 'dir')
  }

  /** Stages exercise code (the module a test imports, or a file standing in for it) and what it imports; returns its URL. */
  stageExercise(file: string): string {
    return pathToFileURL(this.stage(path.resolve(file), 'exercise')).href
  }

  /** Stages one of the course's own modules (the host) and what it imports; returns its path. */
  stageCourse(file: string): string {
    return this.stage(path.resolve(file), 'course')
  }

  private stage(file: string, kind: 'exercise' | 'course'): string {
    const known = this.staged.get(file)
    if (known) return known
    const out = this.outputPath(file, kind)
    this.staged.set(file, out)
    let source: string
    try {
      source = readFileSync(file, 'utf8')
    } catch {
      throw new StageError('missing-file', `${this.options.display(file)} could not be read`)
    }
    const compiled = transformSync(file, source, { sourcemap: true })
    const error = compiled.errors[0] as (Error & { loc?: { line: number; column: number }; frame?: string }) | undefined
    if (error) {
      const where = error.loc ? `${this.options.display(file)}:${error.loc.line}:${error.loc.column + 1}` : this.options.display(file)
      throw new StageError('syntax-error', `${where}: ${error.message.replace(/^\[PARSE_ERROR\]\s*/, '').split('\n')[0]}${error.frame ? `\n${error.frame}` : ''}`)
    }
    const code = compiled.code
    const { module } = parseSync(`${file}.js`, code)
    const edits: { start: number; end: number; text: string }[] = []
    // The spans of module requests include their quotes.
    const requests = [
      ...module.staticImports.map((entry) => entry.moduleRequest),
      ...module.staticExports.flatMap((entry) => entry.entries.flatMap((item) => (item.moduleRequest ? [item.moduleRequest] : []))),
    ]
    for (const request of requests) {
      if (edits.some((e) => e.start === request.start)) continue
      const specifier = stringLiteral(code.slice(request.start, request.end))
      if (specifier === undefined) throw new StageError('syntax-error', `${this.options.display(file)}: an import whose module name could not be read`)
      edits.push({ start: request.start, end: request.end, text: JSON.stringify(this.rewrite(specifier, file, kind, out)) })
    }
    for (const entry of module.dynamicImports) {
      const request = entry.moduleRequest
      const specifier = stringLiteral(code.slice(request.start, request.end))
      if (specifier === undefined) {
        if (kind === 'course') continue
        throw new StageError('forbidden-import', `Forbidden import(…) in ${this.options.display(file)}: an import must name its module in plain text, so that it can be checked. ${RULE}`)
      }
      edits.push({ start: request.start, end: request.end, text: JSON.stringify(this.rewrite(specifier, file, kind, out)) })
    }
    edits.sort((a, b) => b.start - a.start)
    let rewritten = code
    for (const edit of edits) rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end)
    const map = { ...(compiled.map as object), sources: [pathToFileURL(file).href], sourcesContent: undefined }
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(out, `${rewritten}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`)
    return out
  }

  /** The staged specifier for `specifier` imported by `from`, or a StageError. */
  private rewrite(specifier: string, from: string, kind: 'exercise' | 'course', fromOut: string): string {
    const relativeTo = (staged: string) => {
      const rel = path.relative(path.dirname(fromOut), staged).split(path.sep).join('/')
      return rel.startsWith('.') ? rel : `./${rel}`
    }
    // A package exercise code may import is the course module that stands in for it (package-map.ts).
    const standIn = kind === 'exercise' ? studentPackageFile(specifier) : undefined
    if (standIn) return relativeTo(this.stage(standIn, 'course'))
    if (specifier.startsWith(PUBLIC_PREFIX)) {
      const file = resolveFile(path.join(PUBLIC_REFERENCE_DIR, specifier.slice(PUBLIC_PREFIX.length)))
      if (!file || !isInside(file, PUBLIC_REFERENCE_DIR)) throw new StageError('forbidden-import', `Forbidden import "${specifier}" in ${this.options.display(from)}: there is no such course module. ${RULE}`)
      return relativeTo(this.stage(file, 'course'))
    }
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
      const file = resolveFile(path.resolve(path.dirname(from), specifier))
      // (A catalogue entry standing in for an answer-key file imports that file from the topic's folder.)
      if (kind === 'exercise') {
        if (!file || !isInside(file, this.topicDir)) {
          const why = !file ? 'there is no such file.' : isInside(file, this.options.targetDir) ? 'it is another topic\'s file (each topic is graded on its own: copy what you need into this topic\'s folder).' : 'it leaves your exercises folder.'
          throw new StageError(file ? 'forbidden-import' : 'missing-file', `${file ? 'Forbidden import' : 'Import of a missing file'} "${specifier}" in ${this.options.display(from)}: ${why}${file ? ` ${RULE}` : ''}`)
        }
      }
      if (!file) throw new StageError('missing-file', `Import of a missing file "${specifier}" in ${this.options.display(from)}`)
      return relativeTo(this.stage(file, kind))
    }
    if (kind === 'course') return resolvePackage(specifier)
    if (BUILTINS.has(specifier)) throw new StageError('forbidden-import', `Forbidden import "${specifier}" in ${this.options.display(from)}: Node built-in modules (file system, processes, network) are off limits. ${RULE}`)
    throw new StageError('forbidden-import', `Forbidden import "${specifier}" in ${this.options.display(from)}: packages other than @tensorflow/tfjs are not available to exercises. ${RULE}`)
  }

  private outputPath(file: string, kind: 'exercise' | 'course'): string {
    const base = kind === 'course' && isInside(file, COURSE_ROOT)
      ? path.join('course', path.relative(COURSE_ROOT, file))
      : isInside(file, this.options.targetDir)
        ? path.join('exercises', path.relative(this.options.targetDir, file))
        : path.join('other', `${this.staged.size}-${path.basename(file)}`)
    return path.join(this.options.dir, base.replace(/\.(c|m)?[jt]sx?$/, '') + '.mjs')
  }
}

const requireFromCourse = createRequire(path.join(COURSE_ROOT, 'package.json'))

/**
 * A package a course module imports, as the file Node's resolution finds from the course (so that a
 * deep import without its extension, which the test process's Vite allows, resolves here too), or as
 * written when that fails (a package that can only be imported: Node finds it through node_modules).
 */
function resolvePackage(specifier: string): string {
  if (BUILTINS.has(specifier)) return specifier
  try {
    return pathToFileURL(requireFromCourse.resolve(specifier)).href
  } catch {
    return specifier
  }
}

/** The text of a string literal without substitutions (`'x'`, `"x"`, `` `x` ``), or undefined. */
function stringLiteral(text: string): string | undefined {
  const match = /^(['"`])((?:[^\\'"`$]|\\.)*)\1$/s.exec(text.trim())
  if (!match) return undefined
  try {
    return JSON.parse(`"${match[2]!.replace(/\\'/g, "'").replace(/\\`/g, '`').replace(/"/g, '\\"')}"`) as string
  } catch {
    return undefined
  }
}

/** The file a relative import names: as written, or with `.ts`, or `.js` read as `.ts`, or a folder's index.ts. */
function resolveFile(base: string): string | undefined {
  const candidates = [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), path.join(base, 'index.ts')]
  return candidates.find((candidate) => {
    try {
      return statSync(candidate).isFile()
    } catch {
      return false
    }
  })
}
