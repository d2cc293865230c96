// Gives a generated function a readable description, so a counterexample shows `x => 3*x + 1`
// rather than the generator's closure.
//
// With `scope`, the function is also *portable*: it crosses to the student's process as its own
// source and the values it uses (`scope`, every free name of its body but Math), and runs there,
// instead of calling back across the bridge at every call (grader/bridge/wire.ts). For functions a
// student's code calls thousands of times (a limit's f, a search's loss). The function must be pure,
// and its body must use nothing but its parameters, the names in `scope` and JavaScript's globals:
// `npm run verify` catches a name left out, since the answer key then fails.
import fc from 'fast-check'

/** The key under which a portable function keeps its scope (grader/bridge/wire.ts reads it). */
export const PORTABLE = Symbol.for('course.portable')

export function described<F extends (...args: never[]) => unknown>(fn: F, description: string, scope?: Record<string, unknown>): F {
  Object.defineProperty(fn, fc.toStringMethod, { value: () => description })
  Object.defineProperty(fn, 'toString', { value: () => description })
  if (scope) Object.defineProperty(fn, PORTABLE, { value: { scope, description } })
  return fn
}

/** Gives a generated value a readable label in counterexamples (`lecture data, 3 rows`) instead of its contents. */
export function labelled<T extends object>(value: T, label: string): T {
  return Object.defineProperty(value, fc.toStringMethod, { value: () => label })
}
