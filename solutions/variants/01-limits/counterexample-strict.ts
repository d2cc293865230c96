/**
 * Wrong tolerance handling: counts |f(x) − L| > ε as a violation, so |f(x) − L| = ε goes unnoticed.
 * @replaces 01-limits/limits.ts
 * @mustFail findCounterexample.boundary
 */
import type { Rng } from '@course/rng'
import { findCounterexample as answer, type RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  const x = answer(f, a, L, delta, eps, rng)
  return x !== null && Math.abs(f(x) - L) > eps ? x : null
}
