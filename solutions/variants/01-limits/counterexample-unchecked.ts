/**
 * Returns a + t·δ without checking 0 < |x − a| < δ, so rng() = 0 offers a itself.
 * @replaces 01-limits/limits.ts
 * @mustFail findCounterexample.insideOnly
 */
import type { Rng } from '@course/rng'
import { findCounterexample as answer, type RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  answer(f, a, L, delta, eps, () => 0.5) // the answer key's checks of δ and ε
  for (let i = 0; i < 500; i++) {
    const t = rng()
    for (const x of [a + t * delta, a - t * delta]) if (!(Math.abs(f(x) - L) < eps)) return x
  }
  for (let k = 1; k <= 40; k++) {
    for (const x of [a + (1 - 2 ** -k) * delta, a - (1 - 2 ** -k) * delta]) if (!(Math.abs(f(x) - L) < eps)) return x
  }
  return null
}
