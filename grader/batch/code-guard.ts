// Closes the ways around `import` that the import guard (grader/config/import-guard.ts) cannot see.
//
// Vitest runs each module inside a function whose parameters include a CommonJS `require` and its
// own `__vite_ssr_*` loaders, and it keeps its runner state in `__vitest_*` globals. Any of them
// would hand exercise code the file system, processes or the course's internals. A parameter can
// only be reached by its name (code generation from strings is disabled in the test processes), so
// refusing those names in exercise code closes the first door completely; the `__vitest_*` globals
// are also reachable by a computed name, which the grader's process sandbox answers instead.
//
// The answer key is never loaded while another target is under test, whoever asks for it: a test,
// exercise code, or the runner's own module fetching on behalf of either.
import { builtinModules } from 'node:module'
import path from 'node:path'
import type { Plugin } from 'vite'
import { SOLUTIONS_DIR, isInside } from '../paths.ts'
import type { Target } from '../config/target.ts'

/** Free identifiers exercise code may not use, with the reason given to the student. */
const FORBIDDEN_NAME: Array<[RegExp, string]> = [
  [/^require$/, 'require() is not available to exercise code: use import.'],
  [/^__vite(st)?_/, 'it belongs to the test runner, which exercise code may not touch.'],
]
/** Text that names the runner's internals, even inside a string (`globalThis['__vitest_worker__']`). */
const FORBIDDEN_TEXT = /__vite(st)?_\w+/
/**
 * Node's built-in modules. The runner loads these itself, without asking the import guard, so they
 * are refused here, where the import is written; an import whose name is computed is refused too.
 */
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
const BUILTIN_WHY = 'Node built-in modules (file system, processes, network) are off limits. Exercise code may import only its own files, @course/… modules and @tensorflow/tfjs.'

export class ForbiddenCodeError extends Error {
  override name = 'ForbiddenCodeError'
}

interface Node {
  type: string
  start?: number
  [key: string]: unknown
}

export function codeGuard(target: Target): Plugin {
  const overrides = Object.entries(target.overrides).map(([rel, file]) => [path.join(target.dir, rel), path.resolve(file)] as const)
  const isExerciseCode = (file: string) =>
    (isInside(file, target.dir) || overrides.some(([, replacement]) => replacement === file)) && !/\.test\.ts$/.test(file)
  const answerKeyAllowed = isInside(target.dir, SOLUTIONS_DIR) || overrides.some(([, file]) => isInside(file, SOLUTIONS_DIR))
  const shown = (file: string) => path.relative(target.dir, file) || file

  return {
    name: 'course-code-guard',
    load(id) {
      const file = id.split('?')[0]!
      if (!answerKeyAllowed && path.isAbsolute(file) && isInside(file, SOLUTIONS_DIR)) {
        throw new ForbiddenCodeError(`Forbidden import of the answer key (${path.relative(SOLUTIONS_DIR, file)}): it is not available while ${target.label} is under test.`)
      }
      // The grader's scratch folder holds every job's workspace. The runner loads modules for its
      // test process on request, so a test process that asks the runner directly could otherwise be
      // handed another student's files: only the workspace under test is served from there.
      const scratch = process.env.COURSE_SCRATCH_ROOT
      if (scratch && path.isAbsolute(file) && isInside(file, scratch) && !isInside(file, target.dir)) {
        throw new ForbiddenCodeError(`Forbidden import of ${file}: only the submission under test may be loaded from the grader's scratch folder.`)
      }
      return null
    },
    // Runs after TypeScript is stripped, so the code parses as JavaScript.
    transform(code, id) {
      const file = id.split('?')[0]!
      if (!isExerciseCode(file)) return null
      const problem = findForbidden(this.parse(code) as unknown as Node)
      if (problem) {
        const line = code.slice(0, problem.at).split('\n').length
        const what = problem.kind === 'import' ? `Forbidden import "${problem.name}" in ${shown(file)}` : `Forbidden code in ${shown(file)} (line ${line} after types are removed): "${problem.name}"`
        throw new ForbiddenCodeError(`${what}: ${problem.why}`)
      }
      return null
    },
  }
}

export interface Forbidden {
  kind: 'import' | 'code'
  name: string
  why: string
  at: number
}

/**
 * The first forbidden thing in a module's syntax tree: an import of a Node built-in, an import whose
 * name is computed, a forbidden name used as a variable, or one named in a string.
 */
export function findForbidden(root: Node): Forbidden | undefined {
  let found: Forbidden | undefined
  const visit = (node: Node, parent: Node | undefined, key: string | undefined): void => {
    if (found) return
    const source = (node.type === 'ImportDeclaration' || node.type === 'ImportExpression' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration')
      ? (node.source as Node | null | undefined)
      : undefined
    if (source) {
      const name = constantString(source)
      if (name === undefined) found = { kind: 'code', name: 'import(…)', why: 'an import must name its module in plain text, so that it can be checked.', at: node.start ?? 0 }
      else if (BUILTINS.has(name)) found = { kind: 'import', name, why: BUILTIN_WHY, at: node.start ?? 0 }
      if (found) return
    }
    if (node.type === 'Identifier' && !isPropertyName(parent, key)) {
      const name = String(node.name)
      const rule = FORBIDDEN_NAME.find(([pattern]) => pattern.test(name))
      if (rule) found = { kind: 'code', name, why: rule[1], at: node.start ?? 0 }
    } else if ((node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateElement') {
      const text = node.type === 'Literal' ? String(node.value) : String((node.value as { cooked?: string; raw?: string })?.cooked ?? (node.value as { raw?: string })?.raw ?? '')
      const match = FORBIDDEN_TEXT.exec(text)
      if (match) found = { kind: 'code', name: match[0], why: FORBIDDEN_NAME[1]![1], at: node.start ?? 0 }
    }
    for (const [childKey, value] of Object.entries(node)) {
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child, node, childKey)
      } else if (isNode(value)) {
        visit(value, node, childKey)
      }
    }
  }
  visit(root, undefined, undefined)
  return found
}

/** The value of a string literal or a template without substitutions; undefined for anything computed. */
function constantString(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && Array.isArray(node.expressions) && node.expressions.length === 0) {
    const quasi = (node.quasis as Node[])[0]
    return String((quasi?.value as { cooked?: string })?.cooked ?? '')
  }
  return undefined
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'

/** `obj.require`, `{ require: … }` and `class { require() {} }` name a property, not the variable. */
function isPropertyName(parent: Node | undefined, key: string | undefined): boolean {
  if (!parent) return false
  if (parent.type === 'MemberExpression' && key === 'property') return !parent.computed
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key') {
    return !parent.computed
  }
  return false
}
