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
      return null
    },
    // Runs after TypeScript is stripped, so the code parses as JavaScript.
    transform(code, id) {
      const file = id.split('?')[0]!
      if (!isExerciseCode(file)) return null
      const problem = findForbidden(this.parse(code) as unknown as Node)
      if (problem) {
        const line = code.slice(0, problem.at).split('\n').length
        throw new ForbiddenCodeError(`Forbidden code in ${shown(file)} (line ${line} after types are removed): "${problem.name}": ${problem.why}`)
      }
      return null
    },
  }
}

/** The first forbidden name used as a variable, or named in a string, in a module's syntax tree. */
export function findForbidden(root: Node): { name: string; why: string; at: number } | undefined {
  let found: { name: string; why: string; at: number } | undefined
  const visit = (node: Node, parent: Node | undefined, key: string | undefined): void => {
    if (found) return
    if (node.type === 'Identifier' && !isPropertyName(parent, key)) {
      const name = String(node.name)
      const rule = FORBIDDEN_NAME.find(([pattern]) => pattern.test(name))
      if (rule) found = { name, why: rule[1], at: node.start ?? 0 }
    } else if ((node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateElement') {
      const text = node.type === 'Literal' ? String(node.value) : String((node.value as { cooked?: string; raw?: string })?.cooked ?? (node.value as { raw?: string })?.raw ?? '')
      const match = FORBIDDEN_TEXT.exec(text)
      if (match) found = { name: match[0], why: FORBIDDEN_NAME[1]![1], at: node.start ?? 0 }
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
