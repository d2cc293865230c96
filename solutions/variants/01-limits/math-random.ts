/**
 * A falsifier that samples with Math.random instead of the given rng.
 * @replaces 01-limits/limits.ts
 * @mustFail findCounterexample.reproducible
 */
import type { Rng } from '@course/rng'
import { findCounterexample as answer, type RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, _rng: Rng): number | null {
  return answer(f, a, L, delta, eps, Math.random)
}
