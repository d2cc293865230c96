// Answer key for 01-limits.
import type { Rng } from '@course/rng'

export type RealFn = (x: number) => number
export type DeltaFn = (eps: number) => number

/** Steps at which f is sampled on each side of a, from coarse to fine. */
const STEPS = [1e-4, 1e-5, 1e-6, 1e-7, 1e-8]
/** Index of the step whose samples give the estimate: small error, and rounding still harmless. */
const ESTIMATE_AT = 2
/** Consecutive samples of a function with a limit differ by at most about slope × step. */
const settles = (u: number, v: number, h: number) => Math.abs(u - v) <= 1e-4 + 1e3 * h

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive finite number, got ${value}`)
}

/** f near a on the side `sign` (+1 right, −1 left), or NaN if the samples do not settle. */
function oneSided(f: RealFn, a: number, sign: 1 | -1): number {
  const values = STEPS.map((h) => f(a + sign * h))
  if (!values.every(Number.isFinite)) return NaN
  for (let i = 0; i + 1 < values.length; i++) if (!settles(values[i]!, values[i + 1]!, STEPS[i]!)) return NaN
  return values[ESTIMATE_AT]!
}

export function limit(f: RealFn, a: number): number {
  const right = oneSided(f, a, 1)
  const left = oneSided(f, a, -1)
  if (Number.isNaN(left) || Number.isNaN(right) || Math.abs(left - right) > 1e-2) return NaN
  // Averaging f(a − h) and f(a + h) cancels the first-order error of each side.
  return (left + right) / 2
}

/** For x ≠ 2, (x² − 4)/(x − 2) = x + 2, so |f(x) − 4| = |x − 2|: δ = ε works. */
export function quotientDelta(eps: number): number {
  requirePositive('eps', eps)
  return eps
}

/** |m·x + c − (m·a + c)| = |m|·|x − a| < ε when |x − a| < ε/|m|; for m = 0 any δ works. */
export function linearDelta(m: number, eps: number): number {
  requirePositive('eps', eps)
  if (!Number.isFinite(m)) throw new RangeError(`the slope m must be a finite number, got ${m}`)
  return m === 0 ? 1 : eps / Math.abs(m)
}

/** The lecture's proof: make each of |f − L| and |g − M| smaller than ε/2. */
export function sumRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn): DeltaFn {
  return (eps) => Math.min(deltaF(eps / 2), deltaG(eps / 2))
}

/** |c·f(x) − c·L| = |c|·|f(x) − L| < ε when |f(x) − L| < ε/|c|. */
export function scaleRuleDelta(c: number, deltaF: DeltaFn): DeltaFn {
  return (eps) => (c === 0 ? deltaF(1) : deltaF(eps / Math.abs(c)))
}

/**
 * fg − LM = (f − L)(g − M) + M(f − L) + L(g − M). Keep |g − M| < min(1, ε/(2(1 + |L|))) and
 * |f − L| < ε/(2(1 + |M|)); then |f − L|·(|g − M| + |M|) < ε/2 and |L|·|g − M| < ε/2.
 */
export function productRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn, L: number, M: number): DeltaFn {
  return (eps) => Math.min(deltaF(eps / (2 * (1 + Math.abs(M)))), deltaG(Math.min(1, eps / (2 * (1 + Math.abs(L))))))
}

/** Random points in the punctured interval, then points crowding its edges, where violations hide. */
export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  requirePositive('delta', delta)
  requirePositive('eps', eps)
  const fractions: number[] = []
  for (let i = 0; i < 500; i++) fractions.push(rng())
  for (let k = 1; k <= 40; k++) fractions.push(1 - 2 ** -k)
  for (const t of fractions) {
    for (const x of [a + t * delta, a - t * delta]) {
      if (x !== a && Math.abs(x - a) < delta && !(Math.abs(f(x) - L) < eps)) return x
    }
  }
  return null
}
