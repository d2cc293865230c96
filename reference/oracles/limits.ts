// Oracles for 01-limits: an ε–δ checker by dense and edge sampling, and the function families the
// tests draw from, each with its known limit.
import fc from 'fast-check'
import { described, labelled } from './described.ts'
import { type Regions, region } from '../regions.ts'

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
  const f = described((x: number) => m * x + k, `x => ${m} * x + ${k}`, { m, k })
  const tightDelta = described((eps: number) => (m === 0 ? 1e6 : eps / Math.abs(m)), m === 0 ? 'eps => 1e6' : `eps => eps / ${Math.abs(m)}`, { m })
  return labelled({ m, k, a, f, L: m * a + k, tightDelta }, `{ f: ${f}, a: ${a}, L: ${m * a + k}, δf: ${tightDelta} }`)
}

/** Shows a generated case as `label` in counterexamples instead of listing every field. */

const signed = (size: fc.Arbitrary<number>) => fc.tuple(size, fc.boolean()).map(([v, negative]) => (negative ? -v : v))
/**
 * Slopes from four regimes, so that each is drawn on purpose and not by luck of the doubles:
 * whole numbers, gentle slopes 0.01 ≤ |m| < 1 (where ε/|m| > ε: a δ built for |m| ≥ 1 is wrong
 * there), steep slopes with a fractional part, and any real slope up to 20 in size.
 */
const slope = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  signed(fc.double({ min: 0.01, max: 1, maxExcluded: true, noNaN: true })),
  signed(fc.tuple(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 999 })).map(([whole, thousandths]) => whole + thousandths / 1000)),
  fc.double({ min: -20, max: 20, noNaN: true, noDefaultInfinity: true }),
)
const small = fc.integer({ min: -10, max: 10 })
/** A non-zero slope (at least 0.01 in size), so the tight δ really is tight and finite. */
const nonZeroSlope = slope.filter((m) => Math.abs(m) >= 0.01)

export const linearCaseArb = (options: { allowZeroSlope?: boolean } = {}) =>
  fc.tuple(options.allowZeroSlope ? slope : nonZeroSlope, small, small).map(([m, k, a]) => linearCase(m, k, a))

/** Where a plausible mistake with a line's δ shows (each reached on purpose by `slope`). */
export const linearRegions: Regions<LinearCase> = {
  'whole-number slope': region(5, (c) => Number.isInteger(c.m)),
  'gentle slope 0 < |m| < 1': region(10, (c) => c.m !== 0 && Math.abs(c.m) < 1),
  'gentle slope 0 < |m| < 0.5': region(5, (c) => c.m !== 0 && Math.abs(c.m) < 0.5),
  'fractional slope |m| > 1': region(5, (c) => Math.abs(c.m) > 1 && !Number.isInteger(c.m)),
  'negative slope': region(15, (c) => c.m < 0),
  'steep slope |m| ≥ 5': region(8, (c) => Math.abs(c.m) >= 5),
  'a ≠ 0': region(30, (c) => c.a !== 0),
}

/**
 * ε from 0.001 to 10, drawn in three regimes: the round values, small ε ≤ 1 and large ε > 1 (a
 * δ-function that asks for min(1, …) is only tested when ε is large).
 */
export const epsArb = fc.oneof(
  fc.constantFrom(0.001, 0.01, 0.1, 1, 5, 10),
  fc.double({ min: 0.001, max: 1, noNaN: true }),
  fc.double({ min: 1, max: 10, noNaN: true }),
)

export const epsRegions: Regions<number> = {
  'ε ≤ 0.01': region(4, (eps) => eps <= 0.01),
  'ε ≥ 4': region(4, (eps) => eps >= 4),
  'ε not a power of ten': region(30, (eps) => !Number.isInteger(Math.log10(eps))),
}

// ---- δ-functions that are not linear in ε ----

/**
 * A function with a known tight δ-function at a: lines (δ = ε/|m|), parabolas
 * L + s·q·(x − a)² (δ = √(ε/q)) and roots L + s·q·√|x − a| (δ = (ε/q)²). For a line δ(ε)/2 is
 * δ(ε/2), so halving δ instead of ε goes unseen; for the others it does not.
 */
export interface DeltaCase {
  kind: 'line' | 'parabola' | 'root'
  f: RealFn
  a: number
  L: number
  /** +1 when f ≥ L near a, −1 when f ≤ L, 0 for a line (both). */
  side: number
  tightDelta: DeltaFn
}

function curveCase(kind: 'parabola' | 'root', q: number, s: 1 | -1, L: number, a: number): DeltaCase {
  const f = kind === 'parabola'
    ? described((x: number) => L + s * q * (x - a) ** 2, `x => ${L} + ${s * q} * (x - ${a})**2`, { L, s, q, a })
    : described((x: number) => L + s * q * Math.sqrt(Math.abs(x - a)), `x => ${L} + ${s * q} * Math.sqrt(Math.abs(x - ${a}))`, { L, s, q, a })
  const tightDelta = kind === 'parabola'
    ? described((eps: number) => Math.sqrt(eps / q), `eps => Math.sqrt(eps / ${q})`, { q })
    : described((eps: number) => (eps / q) ** 2, `eps => (eps / ${q})**2`, { q })
  return labelled({ kind, f, a, L, side: s, tightDelta }, `{ f: ${f}, a: ${a}, L: ${L}, δf: ${tightDelta} }`)
}

const asDeltaCase = (c: LinearCase): DeltaCase => labelled({ kind: 'line' as const, f: c.f, a: c.a, L: c.L, side: 0, tightDelta: c.tightDelta }, String(c))

const curveArb = (a: fc.Arbitrary<number>) =>
  fc.record({ kind: fc.constantFrom<'parabola' | 'root'>('parabola', 'root'), q: fc.constantFrom(0.5, 1, 2, 4), s: fc.constantFrom<1 | -1>(1, -1), L: small, a })
    .map(({ kind, q, s, L, a }) => curveCase(kind, q, s, L, a))

/** One function with its δ-function: a line (any slope regime) or a parabola or root. */
export const deltaCaseArb: fc.Arbitrary<DeltaCase> = fc.oneof(linearCaseArb().map(asDeltaCase), curveArb(small))

export const deltaCaseRegions: Regions<DeltaCase> = {
  line: region(20, (c) => c.kind === 'line'),
  'parabola, δ = √(ε/q)': region(5, (c) => c.kind === 'parabola'),
  'root, δ = (ε/q)²': region(5, (c) => c.kind === 'root'),
}

/** Two functions at the same a, with their limits and tight δ-functions. */
export interface PairCase {
  f: DeltaCase
  g: DeltaCase
}

const slopePair = fc.record({ m1: nonZeroSlope, m2: nonZeroSlope, k1: small, k2: small, a: small })
/**
 * Pairs of lines in three regimes (any; both through 0 at a, so L = M = 0; slopes of one size)
 * and pairs of curves that deviate from their limits on the same side (their errors add up).
 */
export const pairArb: fc.Arbitrary<PairCase> = fc.oneof(
  { weight: 1, arbitrary: slopePair.map(({ m1, m2, k1, k2, a }) => ({ f: asDeltaCase(linearCase(m1, k1, a)), g: asDeltaCase(linearCase(m2, k2, a)) })) },
  { weight: 1, arbitrary: slopePair.map(({ m1, m2, a }) => ({ f: asDeltaCase(linearCase(m1, -m1 * a + 0, a)), g: asDeltaCase(linearCase(m2, -m2 * a + 0, a)) })) },
  { weight: 1, arbitrary: slopePair.map(({ m1, k1, k2, a }) => ({ f: asDeltaCase(linearCase(m1, k1, a)), g: asDeltaCase(linearCase(-m1, k2, a)) })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ kinds: fc.constantFrom<['parabola' | 'root', 'parabola' | 'root']>(['root', 'root'], ['parabola', 'parabola'], ['root', 'parabola'], ['parabola', 'root']), q: fc.tuple(fc.constantFrom(0.5, 1, 2, 4), fc.constantFrom(0.5, 1, 2, 4)), s: fc.constantFrom<1 | -1>(1, -1), L: fc.tuple(small, small), a: small })
      .map(({ kinds, q, s, L, a }) => ({ f: curveCase(kinds[0], q[0], s, L[0], a), g: curveCase(kinds[1], q[1], s, L[1], a) })),
  },
).map((pair) => labelled(pair, `{ f: ${pair.f}, g: ${pair.g} }`))

/** Two lines at a (for explicit examples). */
export const linePair = (m1: number, k1: number, m2: number, k2: number, a: number): PairCase =>
  labelled({ f: asDeltaCase(linearCase(m1, k1, a)), g: asDeltaCase(linearCase(m2, k2, a)) }, `{ f: x => ${m1} * x + ${k1}, g: x => ${m2} * x + ${k2}, a: ${a} }`)
/** Two curves at a, off their limits on the same side s (for explicit examples). */
export const curvePair = (kinds: ['parabola' | 'root', 'parabola' | 'root'], q: [number, number], s: 1 | -1, L: [number, number], a: number): PairCase => {
  const f = curveCase(kinds[0], q[0], s, L[0], a)
  const g = curveCase(kinds[1], q[1], s, L[1], a)
  return labelled({ f, g }, `{ f: ${f}, g: ${g} }`)
}
/** One curve (for explicit examples). */
export const curve = (kind: 'parabola' | 'root', q: number, s: 1 | -1, L: number, a: number): DeltaCase => curveCase(kind, q, s, L, a)

const bothLines = (p: PairCase) => p.f.kind === 'line' && p.g.kind === 'line'
export const pairRegions: Regions<PairCase> = {
  'two lines': region(20, bothLines),
  'two lines with L = M = 0': region(3, (p) => bothLines(p) && p.f.L === 0 && p.g.L === 0),
  'two lines of equal steepness': region(3, (p) => bothLines(p) && Math.abs(p.f.tightDelta(1) - p.g.tightDelta(1)) === 0),
  'a curve (δ not linear in ε)': region(12, (p) => !bothLines(p)),
  // Rarer by chance; the tests that use these regions also list examples in them.
  'two roots off on the same side': region(2, (p) => p.f.kind === 'root' && p.g.kind === 'root' && p.f.side === p.g.side),
}

// ---- function families for limit(f, a), each with the limit the tests expect ----

export interface LimitCase {
  f: RealFn
  a: number
  /** The two-sided limit, or NaN when there is none. */
  L: number
  /** What the regions look at: f′(a) of a continuous f, p(a) of a removable one, the jump, the pole's or oscillation's power and constant. */
  slope?: number
  value?: number
  jump?: number
  power?: number
  c?: number
}

// The families below keep |f| and |f′| near a within about 100, and jumps at least 0.5, as the
// lesson promises students, so any sound numeric method with tolerances near 1e-3 is judged right.

/** Polynomials with small integer coefficients, degree ≤ 3. */
const coefficients = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 4 })
const point = fc.integer({ min: -20, max: 20 }).map((n) => n / 10)

const poly = (cs: number[]) => (x: number) => cs.reduceRight((acc, ci) => acc * x + ci, 0)
const polyText = (cs: number[]) => cs.map((ci, i) => (i === 0 ? `${ci}` : `${ci}*x**${i}`)).join(' + ')
const derivativeAt = (cs: number[], a: number) => cs.reduce((acc, ci, i) => acc + (i === 0 ? 0 : i * ci * a ** (i - 1)), 0)

/** A cubic whose x³ coefficient is 3 to 5 in size: at |a| ≥ 1 its slope is at least 9 or so. */
const steepCubic = fc.tuple(coefficients, fc.integer({ min: 3, max: 5 }), fc.boolean()).map(([rest, c3, negative]) => [...rest.slice(0, 3), 0, 0, 0].slice(0, 3).concat(negative ? -c3 : c3))
/** 1 ≤ |a| ≤ 2. */
const farPoint = fc.tuple(fc.integer({ min: 10, max: 20 }), fc.boolean()).map(([n, negative]) => (negative ? -n : n) / 10)
/** a from −2 to 2 in tenths, with a = 0 (where a step proportional to |a| vanishes) drawn on purpose. */
const anyPoint = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: point })

/**
 * Continuous at a: the limit is f(a). Three regimes: small polynomials (with a sine), the same
 * shifted by a constant of 20 to 90 in size (large values), and cubics with |a| ≥ 1 (steep).
 */
export const continuousCase: fc.Arbitrary<LimitCase> = fc
  .oneof(
    fc.record({ cs: coefficients, a: anyPoint, w: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ cs: fc.tuple(fc.integer({ min: 20, max: 90 }), fc.boolean(), coefficients).map(([C, negative, rest]) => [negative ? -C : C, ...rest.slice(1)]), a: anyPoint, w: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ cs: steepCubic, a: farPoint, w: fc.integer({ min: 0, max: 3 }) }),
  )
  .map(({ cs, a, w }) => {
    const p = poly(cs)
    const f = described((x: number) => p(x) + Math.sin(w * x), `x => ${polyText(cs)} + Math.sin(${w} * x)`)
    return labelled({ f, a, L: p(a) + Math.sin(w * a), slope: derivativeAt(cs, a) + w * Math.cos(w * a), c: w }, `{ f: ${f}, a: ${a} }`)
  })

export const continuousRegions: Regions<LimitCase> = {
  '|f(a)| ≥ 10': region(12, (c) => Math.abs(c.L) >= 10),
  'steep: |f′(a)| ≥ 10': region(10, (c) => Math.abs(c.slope!) >= 10),
  'a = 0': region(2, (c) => c.a === 0),
  'a < 0': region(15, (c) => c.a < 0),
  'with a sine': region(40, (c) => c.c! > 0),
}

/**
 * A removable singularity: (p(x) − p(a)) / (x − a) is 0/0 = NaN at a, and its limit is p′(a). Two
 * regimes: small polynomials, and the same with a constant of 20 to 80 in size, so that p(x) − p(a)
 * cancels many digits (an estimate from too small a step loses them).
 */
export const removableCase: fc.Arbitrary<LimitCase> = fc.oneof(
  fc.record({ cs: coefficients, a: anyPoint }),
  fc.record({ cs: fc.tuple(fc.integer({ min: 20, max: 80 }), fc.boolean(), coefficients).map(([C, negative, rest]) => [negative ? -C : C, ...rest.slice(1)]), a: anyPoint }),
  fc.record({ cs: steepCubic, a: farPoint }),
).map(({ cs, a }) => {
  const p = poly(cs)
  const pa = p(a)
  const f = described((x: number) => (p(x) - pa) / (x - a), `x => ((${polyText(cs)}) - ${pa}) / (x - ${a})`)
  return labelled({ f, a, L: derivativeAt(cs, a), value: pa }, `{ f: ${f}, a: ${a} }`)
})

export const removableRegions: Regions<LimitCase> = {
  '|L| ≥ 10': region(8, (c) => Math.abs(c.L) >= 10),
  'L = 0': region(3, (c) => c.L === 0),
  'cancellation: |p(a)| ≥ 20': region(12, (c) => Math.abs(c.value!) >= 20),
  'a = 0': region(2, (c) => c.a === 0),
  'a < 0': region(10, (c) => c.a < 0),
}

const jumpText = (cs: number[], C: number, a: number, jump: number) => `x => ${C ? `${C} + ` : ''}${polyText(cs)} + (x > ${a} ? ${jump} : 0)`
const jumpOf = ({ cs, C, a, jump }: { cs: number[]; C: number; a: number; jump: number }): LimitCase => {
  const p = poly(cs)
  const f = described((x: number) => C + p(x) + (x > a ? jump : 0), jumpText(cs, C, a, jump))
  return labelled({ f, a, L: NaN, jump, value: C + p(a) }, `{ f: ${f}, a: ${a} }`)
}

/**
 * A jump of at least 0.5 at a: the one-sided limits disagree, so there is no limit. Two regimes:
 * jumps of 0.5 to 10 on small polynomials, and small jumps (0.5 to 1) on values near ±60 to ±95,
 * where the jump is below 2% of |f|: comparing the sides relative to |f| misses it.
 */
export const jumpCase: fc.Arbitrary<LimitCase> = fc.oneof(
  fc.record({ cs: coefficients, C: fc.constant(0), a: point, jump: fc.oneof(fc.integer({ min: 5, max: 100 }), fc.integer({ min: -100, max: -5 })).map((j) => j / 10) }).map(jumpOf),
  fc.record({
    cs: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 1, maxLength: 3 }),
    C: fc.tuple(fc.integer({ min: 60, max: 95 }), fc.boolean()).map(([v, negative]) => (negative ? -v : v)),
    a: fc.integer({ min: -10, max: 10 }).map((n) => n / 10),
    jump: fc.tuple(fc.integer({ min: 5, max: 10 }), fc.boolean()).map(([j, negative]) => (negative ? -j : j) / 10),
  }).map(jumpOf),
)

export const jumpRegions: Regions<LimitCase> = {
  'small against |f|: |jump| < 2% of |f(a)|': region(15, (c) => Math.abs(c.jump!) < 0.02 * Math.abs(c.value!)),
  'small: |jump| ≤ 1': region(20, (c) => Math.abs(c.jump!) <= 1),
  'large: |jump| ≥ 5': region(8, (c) => Math.abs(c.jump!) >= 5),
  'downward jump': region(20, (c) => c.jump! < 0),
}

/** A pole: c/(x − a) or c/(x − a)²; the function grows without bound, so there is no limit. */
export const poleCase: fc.Arbitrary<LimitCase> = fc
  .record({ a: point, c: fc.integer({ min: 1, max: 10 }), power: fc.constantFrom(1, 2), sign: fc.constantFrom(1, -1) })
  .map(({ a, c, power, sign }) => {
    const f = described((x: number) => (sign * c) / (x - a) ** power, `x => ${sign * c} / (x - ${a})**${power}`, { sign, c, a, power })
    return labelled({ f, a, L: NaN, power, c: sign * c }, `{ f: ${f}, a: ${a} }`)
  })

export const poleRegions: Regions<LimitCase> = {
  'even power: the same sign on both sides': region(20, (c) => c.power === 2),
  'odd power': region(20, (c) => c.power === 1),
  'weak: |c| ≤ 2': region(5, (c) => Math.abs(c.c!) <= 2),
  'negative c': region(20, (c) => c.c! < 0),
}

/** sin(c/(x − a)ᵖ): bounded but never settles, so there is no limit (p = 2 is even on both sides). */
export const oscillatingCase: fc.Arbitrary<LimitCase> = fc
  .record({ a: point, c: fc.integer({ min: 1, max: 20 }).map((n) => n / 4), power: fc.constantFrom(1, 2) })
  .map(({ a, c, power }) => {
    const f = described((x: number) => Math.sin(c / (x - a) ** power), `x => Math.sin(${c} / (x - ${a})**${power})`, { c, a, power })
    return labelled({ f, a, L: NaN, power, c }, `{ f: ${f}, a: ${a} }`)
  })

export const oscillatingRegions: Regions<LimitCase> = {
  'even power: the same on both sides': region(8, (c) => c.power === 2),
  'odd power': region(6, (c) => c.power === 1),
  'slow: c ≤ 1': region(2, (c) => c.c! <= 1),
}

/** The lecture's example, (x² − 4)/(x − 2) at 2, and sin(x)/x at 0. */
export const lectureCases: LimitCase[] = [
  { f: described((x: number) => (x * x - 4) / (x - 2), 'x => (x*x - 4) / (x - 2)', {}), a: 2, L: 4 },
  { f: described((x: number) => Math.sin(x) / x, 'x => Math.sin(x) / x', {}), a: 0, L: 1 },
]

// ---- the outer half of one side, for findCounterexample ----

/** Fractions of δ that searchers commonly probe to crowd the edge: 1 − 2⁻ᵏ, 1 − 10⁻ᵏ and 1 − 1/k. */
const EDGE_PROBES: number[] = [
  ...Array.from({ length: 60 }, (_, k) => 1 - 2 ** -(k + 1)),
  ...Array.from({ length: 16 }, (_, k) => 1 - 10 ** -(k + 1)),
  ...Array.from({ length: 999 }, (_, k) => 1 - 1 / (k + 2)),
].sort((x, y) => x - y)

/**
 * Whether the fraction t = |x − a|/δ lies in the outer half of a side away from the edge, 0.5 < t < 0.95,
 * but not within 1e-6 of a common edge probe. That band is 22.5% of the punctured interval when taken
 * on one side only (the probes remove less than 1e-4 of it): a uniform random point lands in it with
 * probability at least 0.2249, while a search whose random points stay within δ/2 of a never does,
 * whatever edge points it adds from the usual sequences. Portable, so that the test's f can use it in
 * the student's process.
 */
export const inOuterBand = described(function inOuterBand(t: number): boolean {
  if (!(t > 0.5 && t < 0.95)) return false
  let lo = 0
  let hi = EDGE_PROBES.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (EDGE_PROBES[mid]! < t) lo = mid + 1
    else hi = mid
  }
  const near = (i: number) => i >= 0 && i < EDGE_PROBES.length && Math.abs(EDGE_PROBES[i]! - t) <= 1e-6
  return !near(lo) && !near(lo - 1)
}, 'inOuterBand(t)', { EDGE_PROBES })

/**
 * f = L except where it leaves the ε-band: in the outer band (inOuterBand) of one side of a. Portable,
 * so it runs in the student's process: a searcher may call it hundreds of times per case.
 */
export function outerHalfCase(side: number, a: number, L: number, delta: number, eps: number): RealFn {
  return described(
    (x: number) => (side * (x - a) > 0 && inOuterBand(Math.abs(x - a) / delta) ? L + 2 * eps : L),
    `x => (${side} * (x - ${a}) > 0 and 0.5 < |x − ${a}|/${delta} < 0.95, away from 1 − 2⁻ᵏ, 1 − 10⁻ᵏ, 1 − 1/k) ? ${L} + 2 * ${eps} : ${L}`,
    { side, a, delta, L, eps, inOuterBand },
  )
}
