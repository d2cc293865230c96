// Oracles for 01-limits: an ε–δ checker by dense and edge sampling, and the function families the
// tests draw from, each with its known limit.
import fc from 'fast-check'
import { described } from './described.ts'

export type RealFn = (x: number) => number
export type DeltaFn = (eps: number) => number

/** Fractions of δ tried on each side of `a`: a dense grid, then points crowding the edge. */
const SAMPLE_FRACTIONS: number[] = (() => {
  const dense = Array.from({ length: 2000 }, (_, i) => (i + 1) / 2001)
  const edge = Array.from({ length: 45 }, (_, k) => 1 - 2 ** -(k + 1))
  const nearA = Array.from({ length: 30 }, (_, k) => 2 ** -(k + 12))
  return [...dense, ...edge, ...nearA]
})()

/**
 * An x with 0 < |x − a| < δ and |f(x) − L| ≥ ε, or null if sampling finds none. This is how the
 * tests judge a δ: a valid δ has no such x; the common mistakes leave a whole band of them.
 *
 * A δ that is exactly as large as it may be puts |f(x) − L| within rounding of ε at the edge, so
 * a violation must exceed ε by more than rounding can: by 1e-7 relative, plus 1e-12·(1 + |L|).
 * Every mistake the tests look for misses by a factor, far beyond this slack.
 */
export function findViolation(f: RealFn, a: number, L: number, delta: number, eps: number): number | null {
  const limitOfRounding = eps * (1 + 1e-7) + 1e-12 * (1 + Math.abs(L))
  for (const t of SAMPLE_FRACTIONS) {
    for (const x of [a + t * delta, a - t * delta]) {
      if (x === a || !(Math.abs(x - a) < delta)) continue
      if (!(Math.abs(f(x) - L) < limitOfRounding)) return x
    }
  }
  return null
}

/** f(x) = m·x + k near a, with its limit and the tightest δ(ε) = ε/|m| (any δ works when m = 0). */
export interface LinearCase {
  m: number
  k: number
  a: number
  f: RealFn
  L: number
  tightDelta: DeltaFn
}

export function linearCase(m: number, k: number, a: number): LinearCase {
  const f = described((x: number) => m * x + k, `x => ${m} * x + ${k}`)
  const tightDelta = described((eps: number) => (m === 0 ? 1e6 : eps / Math.abs(m)), m === 0 ? 'eps => 1e6' : `eps => eps / ${Math.abs(m)}`)
  return labelled({ m, k, a, f, L: m * a + k, tightDelta }, `{ f: ${f}, a: ${a}, L: ${m * a + k}, δf: ${tightDelta} }`)
}

/** Shows a generated case as `label` in counterexamples instead of listing every field. */
function labelled<T extends object>(value: T, label: string): T {
  return Object.defineProperty(value, fc.toStringMethod, { value: () => label })
}

const slope = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true, noDefaultInfinity: true }))
const small = fc.integer({ min: -10, max: 10 })
/** A non-zero slope, so the tight δ really is tight. */
const nonZeroSlope = slope.filter((m) => Math.abs(m) >= 0.25)

export const linearCaseArb = (options: { allowZeroSlope?: boolean } = {}) =>
  fc.tuple(options.allowZeroSlope ? slope : nonZeroSlope, small, small).map(([m, k, a]) => linearCase(m, k, a))

/** ε in [0.001, 10]: small enough to matter, large enough that rounding is far below ε. */
export const epsArb = fc.oneof(fc.constantFrom(0.001, 0.01, 0.1, 1), fc.double({ min: 0.001, max: 10, noNaN: true }))

// ---- function families for limit(f, a), each with the limit the tests expect ----

export interface LimitCase {
  f: RealFn
  a: number
  /** The two-sided limit, or NaN when there is none. */
  L: number
}

// The families below keep |f| and |f′| near a within about 100, and jumps at least 0.5, as the
// lesson promises students, so any sound numeric method with tolerances near 1e-3 is judged right.

/** Polynomials with small integer coefficients, degree ≤ 3. */
const coefficients = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 4 })
const point = fc.integer({ min: -20, max: 20 }).map((n) => n / 10)

const poly = (cs: number[]) => (x: number) => cs.reduceRight((acc, ci) => acc * x + ci, 0)
const polyText = (cs: number[]) => cs.map((ci, i) => (i === 0 ? `${ci}` : `${ci}*x**${i}`)).join(' + ')
const derivativeAt = (cs: number[], a: number) => cs.reduce((acc, ci, i) => acc + (i === 0 ? 0 : i * ci * a ** (i - 1)), 0)

/** Continuous at a: the limit is f(a). */
export const continuousCase: fc.Arbitrary<LimitCase> = fc
  .record({ cs: coefficients, a: point, w: fc.integer({ min: 0, max: 3 }) })
  .map(({ cs, a, w }) => {
    const p = poly(cs)
    const f = described((x: number) => p(x) + Math.sin(w * x), `x => ${polyText(cs)} + Math.sin(${w} * x)`)
    return labelled({ f, a, L: p(a) + Math.sin(w * a) }, `{ f: ${f}, a: ${a} }`)
  })

/** A removable singularity: (p(x) − p(a)) / (x − a) is 0/0 = NaN at a, and its limit is p′(a). */
export const removableCase: fc.Arbitrary<LimitCase> = fc.record({ cs: coefficients, a: point }).map(({ cs, a }) => {
  const p = poly(cs)
  const pa = p(a)
  const f = described((x: number) => (p(x) - pa) / (x - a), `x => ((${polyText(cs)}) - ${pa}) / (x - ${a})`)
  return labelled({ f, a, L: derivativeAt(cs, a) }, `{ f: ${f}, a: ${a} }`)
})

/** A jump of at least 0.5 at a: the one-sided limits disagree, so there is no limit. */
export const jumpCase: fc.Arbitrary<LimitCase> = fc
  .record({ cs: coefficients, a: point, jump: fc.oneof(fc.integer({ min: 5, max: 100 }), fc.integer({ min: -100, max: -5 })).map((j) => j / 10) })
  .map(({ cs, a, jump }) => {
    const p = poly(cs)
    const f = described((x: number) => p(x) + (x > a ? jump : 0), `x => ${polyText(cs)} + (x > ${a} ? ${jump} : 0)`)
    return labelled({ f, a, L: NaN }, `{ f: ${f}, a: ${a} }`)
  })

/** A pole: c/(x − a) or c/(x − a)²; the function grows without bound, so there is no limit. */
export const poleCase: fc.Arbitrary<LimitCase> = fc
  .record({ a: point, c: fc.integer({ min: 1, max: 10 }), power: fc.constantFrom(1, 2), sign: fc.constantFrom(1, -1) })
  .map(({ a, c, power, sign }) => {
    const f = described((x: number) => (sign * c) / (x - a) ** power, `x => ${sign * c} / (x - ${a})**${power}`)
    return labelled({ f, a, L: NaN }, `{ f: ${f}, a: ${a} }`)
  })

/** sin(c/(x − a)ᵖ): bounded but never settles, so there is no limit (p = 2 is even on both sides). */
export const oscillatingCase: fc.Arbitrary<LimitCase> = fc
  .record({ a: point, c: fc.integer({ min: 1, max: 20 }).map((n) => n / 4), power: fc.constantFrom(1, 2) })
  .map(({ a, c, power }) => {
    const f = described((x: number) => Math.sin(c / (x - a) ** power), `x => Math.sin(${c} / (x - ${a})**${power})`)
    return labelled({ f, a, L: NaN }, `{ f: ${f}, a: ${a} }`)
  })

/** The lecture's example, (x² − 4)/(x − 2) at 2, and sin(x)/x at 0. */
export const lectureCases: LimitCase[] = [
  { f: described((x: number) => (x * x - 4) / (x - 2), 'x => (x*x - 4) / (x - 2)'), a: 2, L: 4 },
  { f: described((x: number) => Math.sin(x) / x, 'x => Math.sin(x) / x'), a: 0, L: 1 },
]
