/**
 * A falsifier that draws 500 random points per side but never crowds the edges.
 * @replaces 01-limits/limits.ts
 * @mustFail findCounterexample.edge
 */
import type { Rng } from '@course/rng'
import { findCounterexample as answer, type RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  answer(f, a, L, delta, eps, rng) // the answer key's checks of δ and ε
  for (let i = 0; i < 500; i++) {
    const t = rng()
    for (const x of [a + t * delta, a - t * delta]) if (x !== a && !(Math.abs(f(x) - L) < eps)) return x
  }
  return null
}
