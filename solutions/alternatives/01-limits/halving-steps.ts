/**
 * Loops instead of array methods: halving steps h = 2⁻ᵏ with a Cauchy test per side, δ-rules as named closures, and a falsifier that walks a generator of edge-first candidates.
 * @replaces 01-limits/limits.ts
 */
import type { Rng } from '@course/rng'

export type RealFn = (x: number) => number
export type DeltaFn = (eps: number) => number

function checkPositive(value: number, name: string): void {
  if (Number.isNaN(value) || value <= 0 || value === Infinity) {
    throw new RangeError(`${name} has to be a positive, finite number (got ${value})`)
  }
}

/** Samples f at a + side·2⁻ᵏ for k = 13 … 23; NaN unless successive samples get closer and closer. */
function sideLimit(f: RealFn, a: number, side: number): number {
  let previous = f(a + side * 2 ** -13)
  let estimate = NaN
  for (let k = 14; k <= 23; k++) {
    const h = 2 ** -k
    const value = f(a + side * h)
    if (!Number.isFinite(value) || !Number.isFinite(previous)) return NaN
    // A function with a limit moves by about |f′|·h between samples (|f′| ≤ 100 here).
    if (Math.abs(value - previous) > 1e-3 + 400 * h) return NaN
    if (k === 20) estimate = value
    previous = value
  }
  return estimate
}

export function limit(f: RealFn, a: number): number {
  const fromLeft = sideLimit(f, a, -1)
  const fromRight = sideLimit(f, a, +1)
  if (fromLeft !== fromLeft || fromRight !== fromRight) return NaN
  return Math.abs(fromLeft - fromRight) <= 0.01 ? 0.5 * fromLeft + 0.5 * fromRight : NaN
}

export function quotientDelta(eps: number): number {
  checkPositive(eps, 'eps (ε)')
  return eps / 2
}

export function linearDelta(m: number, eps: number): number {
  checkPositive(eps, 'eps (ε)')
  if (Number.isNaN(m) || m === Infinity || m === -Infinity) throw new RangeError(`slope m has to be finite (got ${m})`)
  if (m === 0) return 1e6
  return eps / (m < 0 ? -m : m)
}

export function sumRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn): DeltaFn {
  function sumDelta(eps: number): number {
    const forF = deltaF(eps / 2)
    const forG = deltaG(eps / 2)
    return forF < forG ? forF : forG
  }
  return sumDelta
}

export function scaleRuleDelta(c: number, deltaF: DeltaFn): DeltaFn {
  function scaledDelta(eps: number): number {
    // c·f is the zero function when c = 0: any δ, for instance δf(ε), proves it.
    if (c === 0) return deltaF(eps)
    return deltaF(eps / (c < 0 ? -c : c))
  }
  return scaledDelta
}

export function productRuleDelta(deltaF: DeltaFn, deltaG: DeltaFn, L: number, M: number): DeltaFn {
  // With |f − L| < η, |g − M| < η and η ≤ 1: |fg − LM| ≤ η² + (|L| + |M|)·η ≤ η·(1 + |L| + |M|) = ε.
  return function productDelta(eps: number): number {
    let eta = eps / (1 + Math.abs(L) + Math.abs(M))
    if (eta > 1) eta = 1
    return Math.min(deltaF(eta), deltaG(eta))
  }
}

/** Fractions of δ to try: edges first (1 − 10⁻ʲ), then 300 random ones. */
function* candidates(rng: Rng): Generator<number> {
  for (let j = 1; j <= 14; j++) yield 1 - 10 ** -j
  for (let i = 0; i < 300; i++) yield rng()
}

export function findCounterexample(f: RealFn, a: number, L: number, delta: number, eps: number, rng: Rng): number | null {
  checkPositive(delta, 'delta (δ)')
  checkPositive(eps, 'eps (ε)')
  for (const t of candidates(rng)) {
    const right = a + t * delta
    const left = a - t * delta
    for (const x of [left, right]) {
      const distance = Math.abs(x - a)
      if (distance === 0 || distance >= delta) continue
      const gap = Math.abs(f(x) - L)
      if (gap >= eps || Number.isNaN(gap)) return x
    }
  }
  return null
}
