/**
 * Random points a + (rng() − 0.5)·δ, which stay within δ/2 of a, plus the edge probes a ± (1 − 2⁻ᵏ)·δ.
 * A violation between the middle and the edge of a side is never found.
 * @replaces 01-limits/limits.ts
 * @mustFail findCounterexample.outerHalf
 */
import type { Rng } from '@course/rng'
import type { RealFn } from '../../01-limits/limits.ts'

export * from '../../01-limits/limits.ts'

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  if (!(delta > 0) || !Number.isFinite(delta)) throw new RangeError(`delta must be a positive finite number, got ${delta}`)
  if (!(eps > 0) || !Number.isFinite(eps)) throw new RangeError(`eps must be a positive finite number, got ${eps}`)
  const candidates: number[] = []
  for (let i = 0; i < 500; i++) candidates.push(a + (rng() - 0.5) * delta)
  for (let k = 1; k <= 40; k++) candidates.push(a + (1 - 2 ** -k) * delta, a - (1 - 2 ** -k) * delta)
  for (const x of candidates) if (x !== a && Math.abs(x - a) < delta && !(Math.abs(f(x) - L) < eps)) return x
  return null
}
