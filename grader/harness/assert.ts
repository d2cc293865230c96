// Assertions for graded tests. They throw a Mismatch that carries what was expected and what was
// received, so the failure message can show both. They run in the test process, which no student
// code enters: what they see of the student's results is data that came through the bridge.
import { isProcessFailure, studentErrorInfo } from '../bridge/errors.ts'
import { prose, show } from './show.ts'
import { PORTABLE, described } from '../../reference/oracles/described.ts'

const { abs, max } = Math
const isFiniteNumber = Number.isFinite
const isArray = Array.isArray
const isNaNValue = Number.isNaN

export interface Tolerance {
  /** Absolute tolerance. */
  abs?: number
  /** Relative tolerance, scaled by the larger magnitude of the two numbers. */
  rel?: number
}
const DEFAULT_TOLERANCE = { abs: 1e-9, rel: 1e-9 } as const

export class Mismatch extends Error {
  override name = 'Mismatch'
  constructor(
    /** What was checked, e.g. `limit(f, 2)`. */
    readonly what: string,
    readonly expectedValue: unknown,
    readonly actualValue: unknown,
    readonly tolerance?: Tolerance,
    /** Extra explanation, e.g. which entry differs. */
    readonly detail?: string,
  ) {
    super(`${what}${detail ? `: ${detail}` : ''}`)
  }
}

export function close(actual: number, expected: number, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
  if (isNaNValue(expected)) return isNaNValue(actual)
  if (!isFiniteNumber(expected)) return actual === expected
  if (typeof actual !== 'number' || !isFiniteNumber(actual)) return false
  const allowed = max(tol.abs ?? 0, (tol.rel ?? 0) * max(abs(actual), abs(expected)))
  return abs(actual - expected) <= allowed
}

/** Numbers, arrays and nested arrays equal up to the tolerance; shapes must match exactly. */
export function expectClose(what: string, actual: unknown, expected: unknown, tol: Tolerance = DEFAULT_TOLERANCE): void {
  const where = firstDifference(actual, expected, tol, '')
  if (where !== null) throw new Mismatch(what, expected, actual, tol, where || undefined)
}

function firstDifference(actual: unknown, expected: unknown, tol: Tolerance, at: string): string | null {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${at || 'the result'} should be a number, got ${typeof actual}`
    return close(actual, expected, tol) ? null : at
  }
  if (isArray(expected)) {
    if (!isArray(actual)) return `${at || 'the result'} should be an array`
    if (actual.length !== expected.length) {
      return `${at || 'the result'} has length ${actual.length}, expected ${expected.length}`
    }
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], tol, `${at}[${i}]`)
      if (d !== null) return d || `${at}[${i}]`
    }
    return null
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${at || 'the result'} should be an object`
    for (const key of Object.keys(expected)) {
      const d = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], tol, `${at}.${key}`)
      if (d !== null) return d || `${at}.${key}`
    }
    return null
  }
  return Object.is(actual, expected) ? null : at
}

/** Exact structural equality (numbers compared with Object.is, so -0 and NaN are distinct). */
export function expectEqual(what: string, actual: unknown, expected: unknown): void {
  expectClose(what, actual, expected, { abs: 0, rel: 0 })
}

/** A law that must hold; `details` are shown when it does not. */
export function expectTrue(condition: boolean, what: string, details: { expected?: unknown; actual?: unknown } = {}): void {
  if (!condition) throw new Mismatch(what, details.expected, details.actual)
}

type ErrorClass = new (...args: never[]) => Error

/**
 * The call must throw one of `kinds` (RangeError or TypeError for bad input, by the course's
 * conventions) with a message that says something. A "not implemented" error never counts, and
 * neither does an end the code did not choose: unbounded recursion (the engine's "Maximum call
 * stack size exceeded"), a time-out or a crash of its process.
 */
export function expectThrows(what: string, call: () => unknown, kinds: ErrorClass[] = [RangeError, TypeError]): Error {
  const names = kinds.map((k) => k.name).join(' or ')
  let result: unknown
  try {
    result = call()
  } catch (error) {
    if (isNotImplemented(error) || isProcessFailure(error)) throw error
    if (studentErrorInfo(error)?.engine === 'stack-overflow') {
      throw new Mismatch(what, prose(`a ${names} with a message`), prose('no answer: the call recursed without end (Maximum call stack size exceeded), which is not a refusal'))
    }
    if (kinds.some((k) => error instanceof k) && String((error as Error).message).trim().length > 0) return error as Error
    throw new Mismatch(what, prose(`a ${names} with a message`), error instanceof Error ? prose(`${error.name}: ${error.message}`) : error)
  }
  throw new Mismatch(what, prose(`a ${names} with a message`), prose(`no error; it returned ${show(result)}`))
}

/** `text` holds `name` as a word of its own, in its own case: "x" is not "X", and the p of "probability" is not p. */
export const namesWord = (name: string) => (text: string): boolean => new RegExp(`(^|[^A-Za-z])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`).test(text)

/** A message test that passes when any of `tests` does: a RegExp, or a test such as namesWord('x'). */
export const namesAny = (...tests: Array<RegExp | ((text: string) => boolean)>) => (text: string): boolean =>
  tests.some((t) => (t instanceof RegExp ? t.test(text) : t(text)))

/** As expectThrows, and the message must pass `names`: it says what is wrong (`wanted`, in words). */
export function expectThrowsNaming(what: string, call: () => unknown, names: (message: string) => boolean, wanted: string): void {
  const message = expectThrows(what, call).message
  if (!names(message)) throw new Mismatch(`${what} threw, but its message does not say what is wrong`, prose(`a message that names ${wanted}`), prose(message))
}

export function isNotImplemented(error: unknown): boolean {
  return error instanceof Error && /^not implemented\b/i.test(error.message)
}

/**
 * Calls `call` on deep copies of `args` and checks it left them as they were: exercise functions
 * must not change their inputs (the caller may still need them).
 */
export function expectArgumentsUnchanged(what: string, args: readonly unknown[], call: (...args: unknown[]) => unknown): void {
  const copies = args.map((a) => structuredClone(a))
  call(...copies)
  copies.forEach((after, i) => {
    if (firstDifference(after, args[i], { abs: 0, rel: 0 }, '') !== null) {
      throw new Mismatch(`${what} changed its argument #${i + 1}; exercise functions must leave their inputs unchanged`, args[i], after)
    }
  })
}

/**
 * Wraps a function given to exercise code so that it throws after `max` calls. A search that never
 * stops (accepting equal-loss moves, say) then ends with a clear failure instead of hanging.
 *
 * A portable function (reference/oracles/described.ts) stays portable: the count runs beside it in
 * the student's process, so a search that calls the loss 90 000 times does not cross the bridge for
 * each call. The budget is a guard with a clear message, not a verdict: exercise code can catch the
 * error either way, and every verdict is still computed on what the code returns. (The error is a
 * plain Error named CallBudgetExceeded, since the portable copy can use nothing of this module.)
 */
export function limitCalls<F extends (...args: never[]) => unknown>(fn: F, max: number, what: string): F {
  const message = `${what} was called more than ${max} times: does your loop stop?`
  let calls = 0
  const limited = (...args: Parameters<F>) => {
    if (++calls > max) {
      const error = new Error(message)
      error.name = 'CallBudgetExceeded'
      throw error
    }
    return fn(...args)
  }
  if (PORTABLE in fn) return described(limited, String(fn), { fn, max, message, calls }) as unknown as F
  return Object.assign(limited, { toString: () => String(fn) }) as unknown as F
}
