/**
 * A falsifier that only probes the edges a ± (1 − 2⁻ᵏ)·δ and never draws random points.
 * @replaces 01-limits/limits.ts
 * @mustFail findCounterexample.interior
 */
import type { Rng } from '@course/rng'
import { findCounterexample as answer, type RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, _rng: Rng): number | null {
  return answer(f, a, L, delta, eps, () => 0.75)
}
