// Topic 01: limits (極限) and ε–δ proofs. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 01` checks your work.
import type { Rng } from '@course/rng'

/** A real function, such as x => (x*x - 4) / (x - 2). */
export type RealFn = (x: number) => number
/** Given ε > 0, returns a δ > 0 that works for it. */
export type DeltaFn = (eps: number) => number

/**
 * The two-sided limit of f as x → a, estimated numerically, or NaN when there is none
 * (the one-sided limits disagree, or f diverges or never settles). f(a) itself may be NaN.
 */
export function limit(f: RealFn, a: number): number {
  throw new Error('not implemented: limit(f, a)')
}

/** A δ that proves lim_{x→2} (x² − 4)/(x − 2) = 4 for this ε. Throws a RangeError unless ε > 0. */
export function quotientDelta(eps: number): number {
  throw new Error('not implemented: quotientDelta(eps)')
}

/**
 * A positive, finite δ proving lim_{x→a} (m·x + c) = m·a + c for this ε, whatever a and c are
 * (so it depends on m only). Throws a RangeError unless ε > 0.
 */
export function linearDelta(m: number, eps: number): number {
  throw new Error('not implemented: linearDelta(m, eps)')
}

/** Given δ-functions for f → L and g → M, a δ-function for f + g → L + M (the lecture's proof). */
export function sumRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn): DeltaFn {
  throw new Error('not implemented: sumRuleDelta(deltaF, deltaG)')
}

/** Given a δ-function for f → L, a δ-function for c·f → c·L. */
export function scaleRuleDelta(c: number, deltaF: DeltaFn): DeltaFn {
  throw new Error('not implemented: scaleRuleDelta(c, deltaF)')
}

/** Challenge: given δ-functions for f → L and g → M, a δ-function for f·g → L·M. */
export function productRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn, L: number, M: number): DeltaFn {
  throw new Error('not implemented: productRuleDelta(deltaF, deltaG, L, M)')
}

/**
 * Searches 0 < |x − a| < δ for an x with |f(x) − L| ≥ ε and returns it, or null if it finds none.
 * Use `rng` for any randomness. Throws a RangeError unless δ > 0 and ε > 0.
 */
export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  throw new Error('not implemented: findCounterexample(f, a, L, delta, eps, rng)')
}
