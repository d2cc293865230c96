// Gives a generated function a readable description, so a counterexample shows `x => 3*x + 1`
// rather than the generator's closure.
import fc from 'fast-check'

export function described<F extends (...args: never[]) => unknown>(fn: F, description: string): F {
  Object.defineProperty(fn, fc.toStringMethod, { value: () => description })
  Object.defineProperty(fn, 'toString', { value: () => description })
  return fn
}
