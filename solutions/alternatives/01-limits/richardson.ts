/**
 * Richardson extrapolation 2·g(h/2) − g(h) on each side at three scales, a product-rule δ from one η = min(1, ε/(1 + |L| + |M|)), and a falsifier over a jittered grid.
 * @replaces 01-limits/limits.ts
 */
import type { Rng } from '@course/rng'

export type RealFn = (x: number) => number
export type DeltaFn = (eps: number) => number

const SCALES = [1e-4, 3e-5, 1e-5]

function mustBePositive(what: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`expected ${what} > 0 and finite, received ${value}`)
}

/** One side's limit by Richardson extrapolation; the three scales must agree, else NaN. */
function extrapolated(f: RealFn, a: number, side: 1 | -1): number {
  const estimates = SCALES.map((h) => 2 * f(a + (side * h) / 2) - f(a + side * h))
  const [first, ...rest] = estimates
  const agree = rest.every((e) => Number.isFinite(e) && Math.abs(e - first!) <= 1e-4 * (1 + Math.abs(first!)))
  return agree && Number.isFinite(first!) ? estimates[estimates.length - 1]! : NaN
}

export function limit(f: RealFn, a: number): number {
  const sides = [extrapolated(f, a, -1), extrapolated(f, a, 1)]
  if (sides.some(Number.isNaN)) return NaN
  const [left, right] = sides as [number, number]
  return Math.abs(left - right) < 0.05 ? (left + right) / 2 : NaN
}

export const quotientDelta = (eps: number): number => {
  mustBePositive('ε (eps)', eps)
  return Math.min(eps, 1)
}

export const linearDelta = (m: number, eps: number): number => {
  mustBePositive('ε (eps)', eps)
  if (!Number.isFinite(m)) throw new RangeError(`expected a finite slope m, received ${m}`)
  return Math.abs(m) === 0 ? eps : eps / Math.abs(m)
}

export const sumRuleDelta = (deltaF: DeltaFn, deltaG: DeltaFn): DeltaFn => (eps) => [deltaF, deltaG].map((d) => d(eps / 2)).reduce((p, q) => Math.min(p, q))

export const scaleRuleDelta = (c: number, deltaF: DeltaFn): DeltaFn => (eps) => deltaF(c === 0 ? eps : eps / Math.abs(c))

export const productRuleDelta = (deltaF: DeltaFn, deltaG: DeltaFn, L: number, M: number): DeltaFn => (eps) => {
  const eta = Math.min(1, eps / (1 + Math.abs(L) + Math.abs(M)))
  return Math.min(deltaF(eta), deltaG(eta))
}

/** A jittered grid of 256 strata per side, then points ever closer to the edges. */
export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  mustBePositive('δ (delta)', delta)
  mustBePositive('ε (eps)', eps)
  const N = 256
  const fractions = Array.from({ length: N }, (_, i) => (i + rng()) / N).concat(Array.from({ length: 45 }, (_, k) => 1 - 2 ** -(k + 1)))
  const isCounterexample = (x: number) => x !== a && Math.abs(x - a) < delta && !(Math.abs(f(x) - L) < eps)
  for (const t of fractions) {
    const hit = [a + t * delta, a - t * delta].find(isCounterexample)
    if (hit !== undefined) return hit
  }
  return null
}
