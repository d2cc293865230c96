// Oracles for 02-derivatives: mathjs `derivative` for symbolic derivatives, compared by evaluation
// at points where the comparison is numerically meaningful; and families of smooth functions with
// their exact derivatives (and bounds on the higher derivatives that decide the numeric errors).
import fc from 'fast-check'
import { math } from './mathjs.ts'

const { derivative, parse } = math
import { type Expr, add, c, cos, evaluate, exp, log, mul, pow, show, sin, x } from '../public/expr.ts'
import { exprArbitrary, niceConstant, niceExponent, printable } from '../public/expr-arbitrary.ts'
import { described, labelled } from './described.ts'
import { type Regions, region } from '../regions.ts'

export type RealFn = (x: number) => number
export type ScalarField = (point: readonly number[]) => number

// ---------------------------------------------------------------------------------------------
// Symbolic derivatives: mathjs as the oracle
// ---------------------------------------------------------------------------------------------

const compiled = new WeakMap<Expr, RealFn>()

/**
 * The derivative of `expr` computed by mathjs (`derivative(show(expr), 'x')`, unsimplified, so
 * it is the rules applied literally), as a function of x. NaN where mathjs gives a complex number
 * (a negative number to the power 0.5, say) or a non-finite one.
 */
export function mathjsDerivative(expr: Expr): RealFn {
  let fn = compiled.get(expr)
  if (!fn) {
    const code = derivative(parse(show(expr)), 'x', { simplify: false }).compile()
    fn = (at: number) => {
      const value: unknown = code.evaluate({ x: at })
      return typeof value === 'number' && Number.isFinite(value) ? value : NaN
    }
    compiled.set(expr, fn)
  }
  return fn
}

/** Values (and derivatives) of every subexpression stay within this at a point we compare at. */
export const MAGNITUDE_LIMIT = 1e3
/** Bases of powers and arguments of log stay at least this far from 0 there. */
export const POLE_MARGIN = 1e-2

/**
 * Whether comparing derivatives at x = `at` is meaningful in floating point. Two correct derivative
 * expressions (the student's and mathjs's) may differ in structure, so they round differently. At a
 * point where every subexpression u of f has |u| ≤ 1e3 and |u′| ≤ 1e3, and every base of a power
 * and argument of log has |u| ≥ 1e-2, each term of any sensible derivative expression (u′·v, u·v′,
 * n·uⁿ⁻¹·u′, u′/u, …) is below about 1e6, so rounding, summed over fewer than 100 operations,
 * stays below 100 · 2.2e-16 · 1e6 ≈ 2e-8. The comparison's tolerance (1e-6, absolute or relative)
 * leaves a margin of 50 over that, and is still far below what a wrong rule changes (order 1).
 *
 * The check runs a forward-mode (dual number) evaluation of f, so it sees every subexpression's
 * value and derivative. Points near poles, huge values or log(≤ 0) are skipped, not failed.
 */
export function wellConditioned(expr: Expr, at: number): boolean {
  let ok = true
  const within = (v: number, d: number) => {
    if (!(Math.abs(v) <= MAGNITUDE_LIMIT && Math.abs(d) <= MAGNITUDE_LIMIT)) ok = false
  }
  const visit = (e: Expr): [number, number] => {
    let value: number
    let slope: number
    switch (e.kind) {
      case 'const':
        ;[value, slope] = [e.value, 0]
        break
      case 'x':
        ;[value, slope] = [at, 1]
        break
      case 'add': {
        const [a, da] = visit(e.left)
        const [b, db] = visit(e.right)
        ;[value, slope] = [a + b, da + db]
        break
      }
      case 'mul': {
        const [a, da] = visit(e.left)
        const [b, db] = visit(e.right)
        ;[value, slope] = [a * b, da * b + a * db]
        break
      }
      case 'pow': {
        const [b, db] = visit(e.base)
        if (!(Math.abs(b) >= POLE_MARGIN)) ok = false
        const n = e.exponent
        ;[value, slope] = [Math.pow(b, n), n === 0 ? 0 : n * Math.pow(b, n - 1) * db]
        break
      }
      case 'sin': {
        const [u, du] = visit(e.arg)
        ;[value, slope] = [Math.sin(u), Math.cos(u) * du]
        break
      }
      case 'cos': {
        const [u, du] = visit(e.arg)
        ;[value, slope] = [Math.cos(u), -Math.sin(u) * du]
        break
      }
      case 'exp': {
        const [u, du] = visit(e.arg)
        ;[value, slope] = [Math.exp(u), Math.exp(u) * du]
        break
      }
      case 'log': {
        const [u, du] = visit(e.arg)
        if (!(u >= POLE_MARGIN)) ok = false
        ;[value, slope] = [Math.log(u), du / u]
        break
      }
    }
    within(value, slope)
    return [value, slope]
  }
  visit(expr)
  return ok
}

/** The derivative of f at x = `at` according to mathjs, or NaN if `at` is not a point to compare at. */
export function referenceSlope(expr: Expr, at: number): number {
  if (!Number.isFinite(evaluate(expr, at)) || !wellConditioned(expr, at)) return NaN
  return mathjsDerivative(expr)(at)
}

/** The comparison's tolerance, justified at `wellConditioned`. */
export const DERIVE_TOL = { abs: 1e-6, rel: 1e-6 } as const

// ---- expressions for each rule --------------------------------------------------------------

/** Points where derivatives are compared: four in [0.1, 4] (the domain of log and √) and four in [−4, −0.1]. */
export const samplePoints: fc.Arbitrary<number[]> = fc
  .tuple(
    fc.array(fc.double({ min: 0.1, max: 4, noNaN: true }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.double({ min: -4, max: -0.1, noNaN: true }), { minLength: 4, maxLength: 4 }),
  )
  .map(([positive, negative]) => [...positive, ...negative])

/** A few points of [−4, 4], 0 included, for expressions defined everywhere. */
export const FIXED_POINTS = [-3.5, -2, -1.25, -0.5, 0, 0.3, 0.75, 1, 1.6, 2.5, 3.9]

const contains = (e: Expr, kind: Expr['kind']): boolean => {
  if (e.kind === kind) return true
  switch (e.kind) {
    case 'add':
    case 'mul':
      return contains(e.left, kind) || contains(e.right, kind)
    case 'pow':
      return contains(e.base, kind)
    case 'const':
    case 'x':
      return false
    default:
      return contains(e.arg, kind)
  }
}

/** Constants (0 on purpose, negatives, fractions) and x itself. */
export const constantOrX: fc.Arbitrary<Expr> = fc.oneof(
  fc.constant(x),
  fc.constant(c(0)),
  niceConstant.map(c),
  fc.double({ min: -100, max: 100, noNaN: true }).map(c),
).map(printable)

/** xⁿ for real n: integers, halves, and any real in [−3, 4]. */
export const powerOfX: fc.Arbitrary<Expr> = fc
  .oneof(niceExponent, fc.integer({ min: -4, max: 6 }), fc.double({ min: -3, max: 4, noNaN: true }))
  .map((n) => printable(pow(x, n)))

/** Sums of x and constants (the derivative counts the x's): only the sum and constant rules. */
export const sumOfTerms: fc.Arbitrary<Expr> = exprArbitrary({ kinds: ['add'], maxDepth: 4 }).filter((e) => contains(e, 'add'))

/** Products and sums of x and constants (polynomials): the product rule, with the sum rule. */
export const productOfTerms: fc.Arbitrary<Expr> = exprArbitrary({ kinds: ['add', 'mul'], maxDepth: 3 }).filter((e) => contains(e, 'mul'))

const slopeConstant = fc.constantFrom(-3, -2, -1.5, -0.5, 0.5, 2, 3)
const offset = fc.constantFrom(-1, -0.5, 0, 0.5, 1, 2)
/** An inner function g whose derivative is not 1: a·x + b or a·x·x + b (a ∉ {0, 1}). */
const inner: fc.Arbitrary<Expr> = fc
  .tuple(slopeConstant, offset, fc.boolean())
  .map(([a, b, square]) => add(mul(c(a), square ? mul(x, x) : x), c(b)))

type Outer = (u: Expr) => Expr
const outer: fc.Arbitrary<Outer> = fc.oneof(
  fc.constantFrom<Outer>(sin, cos, exp, log),
  fc.constantFrom(2, 3, -1, 0.5, 1.5, -0.5).map((n): Outer => (u) => pow(u, n)),
)

/** f(g(x)) and f(h(g(x))) with unary or power outer functions and an inner g with g′ ≠ 1. */
export const composition: fc.Arbitrary<Expr> = fc
  .tuple(outer, fc.option(outer, { nil: undefined, freq: 2 }), inner)
  .map(([f, h, g]) => printable(f(h ? h(g) : g)))

/** Random expressions over every kind, as given to students. */
export const randomExpr: fc.Arbitrary<Expr> = exprArbitrary()

// ---- where a wrong rule shows ----

const depth = (e: Expr): number => {
  switch (e.kind) {
    case 'const':
    case 'x':
      return 0
    case 'add':
    case 'mul':
      return 1 + Math.max(depth(e.left), depth(e.right))
    case 'pow':
      return 1 + depth(e.base)
    default:
      return 1 + depth(e.arg)
  }
}
const exponentOf = (e: Expr) => (e.kind === 'pow' ? e.exponent : NaN)
const hasX = (e: Expr): boolean => e.kind === 'x' || (e.kind !== 'const' && (e.kind === 'add' || e.kind === 'mul' ? hasX(e.left) || hasX(e.right) : hasX(e.kind === 'pow' ? e.base : e.arg)))

export const constantRegions: Regions<Expr> = {
  'x itself': region(7, (e) => e.kind === 'x'),
  'the constant 0': region(3, (e) => e.kind === 'const' && e.value === 0),
  'a negative constant': region(4, (e) => e.kind === 'const' && e.value < 0),
  'a fractional constant': region(10, (e) => e.kind === 'const' && !Number.isInteger(e.value)),
}

export const powerRegions: Regions<Expr> = {
  'whole n ≥ 2': region(3, (e) => Number.isInteger(exponentOf(e)) && exponentOf(e) >= 2),
  'negative n': region(12, (e) => exponentOf(e) < 0),
  'fractional n': region(15, (e) => !Number.isInteger(exponentOf(e))),
}

export const sumRegions: Regions<Expr> = {
  'x more than once': region(15, (e) => show(e).split('x').length > 2),
  'depth ≥ 3': region(10, (e) => depth(e) >= 3),
}

export const productRegions: Regions<Expr> = {
  'a product of two factors with x': region(15, (e) => e.kind === 'mul' ? hasX(e.left) && hasX(e.right) : show(e).split('x').length > 2),
  'depth ≥ 3': region(10, (e) => depth(e) >= 3),
  'a sum inside a product': region(10, (e) => /\(.*\+.*\) \*|\* \(.*\+/.test(show(e))),
}

export const compositionRegions: Regions<Expr> = {
  'outer log': region(2, (e) => e.kind === 'log'),
  'outer power': region(15, (e) => e.kind === 'pow'),
  'outer sin or cos': region(6, (e) => e.kind === 'sin' || e.kind === 'cos'),
  'two outer functions': region(25, (e) => depth(e) >= 4),
  'an inner quadratic': region(20, (e) => show(e).includes('x * x')),
}

export const randomExprRegions: Regions<Expr> = {
  'a power': region(29, (e) => contains(e, 'pow')),
  'a log': region(26, (e) => contains(e, 'log')),
  'a product': region(23, (e) => contains(e, 'mul')),
  'sin or cos': region(40, (e) => contains(e, 'sin') || contains(e, 'cos')),
  'an exp': region(30, (e) => contains(e, 'exp')),
  'depth ≥ 3': region(30, (e) => depth(e) >= 3),
  'a leaf': region(3, (e) => depth(e) === 0),
}

/**
 * uⁿ at a point where the base u is 0, for n ≥ 1 (where f and f′ are defined): u = x + c, or
 * u = k·x + c, at x = −c/k; the expected derivative n·0ⁿ⁻¹·k is k for n = 1 and 0 beyond.
 * (referenceSlope skips every point whose base is near 0, so the other tests never look here.)
 */
export interface PowerAtZero {
  expr: Expr
  at: number
  slope: number
  n: number
}

export function powerAtZeroCase(n: number, k: number, shift: number): PowerAtZero {
  const base = k === 1 ? add(x, c(shift)) : add(mul(c(k), x), c(shift))
  const expr = printable(pow(base, n))
  return labelled({ expr, at: -shift / k, slope: n === 1 ? k : 0, n }, `{ expr: ${show(expr)}, at: ${-shift / k} }`)
}

export const powerAtZero: fc.Arbitrary<PowerAtZero> = fc
  .record({ n: fc.constantFrom(1, 2, 3, 4, 1.5, 2.5, 3.5), k: fc.constantFrom(1, 2, -1, 0.5, -4), c: fc.integer({ min: -3, max: 3 }) })
  .map(({ n, k, c: shift }) => powerAtZeroCase(n, k, shift))

export const powerAtZeroRegions: Regions<PowerAtZero> = {
  'n = 1 (slope k)': region(2, (p) => p.n === 1),
  'whole n ≥ 2': region(3, (p) => Number.isInteger(p.n) && p.n >= 2),
  'fractional n': region(3, (p) => !Number.isInteger(p.n)),
  'at x ≠ 0': region(18, (p) => p.at !== 0),
}

/** The elementary functions of x. */
export const elementary = { sin: printable(sin(x)), cos: printable(cos(x)), exp: printable(exp(x)), log: printable(log(x)) }

// ---------------------------------------------------------------------------------------------
// Smooth real functions with exact derivatives, for numeric differentiation
// ---------------------------------------------------------------------------------------------

/**
 * f(x) = C + a·sin(ωx + φ) + b·x² + e·x³ at a point x in [−3, 3], with f′ and f″ exact, and
 * M₃ = |a|ω³ + 6|e| ≥ |f‴| everywhere (which bounds a central difference's error by h²·M₃/6).
 * |f| ≤ 1000 + 3 + 18 + 27 near x: the constant C makes rounding matter.
 */
export interface SmoothCase {
  f: RealFn
  x: number
  /** f′(x), exact up to rounding. */
  slope: number
  /** f″(x). */
  curvature: number
  /** An upper bound on |f‴| over the whole line. */
  m3: number
  /** An upper bound on |f| near x. */
  size: number
}

const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((k) => k / 10)
/**
 * Where f is differentiated, in [−3, 3]: x = 0 and tiny |x| ≤ 0.05 drawn on purpose (a step
 * proportional to |x| vanishes or drowns in rounding there), and hundredths anywhere.
 */
const smoothPoint = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 50 }), fc.boolean()).map(([k, negative]) => (negative ? -k : k) / 1000) },
  { weight: 4, arbitrary: fc.integer({ min: -300, max: 300 }).map((k) => k / 100) },
)
const quarters = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((k) => k / 4)

export const smoothCase: fc.Arbitrary<SmoothCase> = fc
  .record({
    C: fc.oneof(fc.constant(0), fc.integer({ min: -1000, max: 1000 })),
    a: quarters(-3, 3),
    w: fc.constantFrom(0.5, 1, 1.5, 2),
    phi: fc.constantFrom(0, 0.5, 1),
    b: quarters(-2, 2),
    e: quarters(-1, 1),
    at: smoothPoint,
  })
  .map(({ C, a, w, phi, b, e, at }) => {
    const f = described(
      (t: number) => C + a * Math.sin(w * t + phi) + b * t * t + e * t * t * t,
      `x => ${terms([[C, ''], [a, `Math.sin(${w} * x${phi ? ` + ${phi}` : ''})`], [b, 'x**2'], [e, 'x**3']])}`,
    )
    return labelled<SmoothCase>(
      {
        f,
        x: at,
        slope: a * w * Math.cos(w * at + phi) + 2 * b * at + 3 * e * at * at,
        curvature: -a * w * w * Math.sin(w * at + phi) + 2 * b + 6 * e * at,
        m3: Math.abs(a) * w ** 3 + 6 * Math.abs(e),
        size: Math.abs(C) + 50,
      },
      `{ f: ${f}, x: ${at} }`,
    )
  })

export const smoothRegions: Regions<SmoothCase> = {
  'x = 0': region(2, (c) => c.x === 0),
  'tiny x: 0 < |x| ≤ 0.05': region(4, (c) => c.x !== 0 && Math.abs(c.x) <= 0.05),
  '|x| ≥ 1': region(13, (c) => Math.abs(c.x) >= 1),
  'large values: |f| ≥ 500': region(4, (c) => c.size >= 550),
  'curved: |f″(x)| ≥ 0.5': region(30, (c) => Math.abs(c.curvature) >= 0.5),
  'steep: |f′(x)| ≥ 5': region(6, (c) => Math.abs(c.slope) >= 5),
}

/**
 * Error bound of a second-order difference with step h: K·h²·M₃ for the truncation (K ≤ 1 covers
 * the central difference, K = 1/6, and other second-order stencils such as the one-sided
 * (−3f₀ + 4f₁ − f₂)/2h, K = 1/3), plus rounding: each value of f carries an error of about
 * eps·|f|, divided by the step, with a factor 8 for the stencil's weights and the sum.
 */
export function secondOrderTolerance(h: number, m3: number, size: number): number {
  return h * h * m3 + (8 * Number.EPSILON * size) / h + 1e-12
}

// ---------------------------------------------------------------------------------------------
// Scalar fields ℝⁿ → ℝ with exact gradients
// ---------------------------------------------------------------------------------------------

/**
 * f(x) = C + Σᵢ [aᵢ·sin(ωᵢxᵢ + φᵢ) + bᵢ·xᵢ²] + Σ_{i<j} cᵢⱼ·xᵢ·xⱼ for n = 1…4, at a point in
 * [−3, 3]ⁿ. ∂³f/∂xᵢ³ = −aᵢωᵢ³cos(…), so M₃ᵢ = |aᵢ|ωᵢ³ bounds the central difference's error along
 * axis i; the cross terms are quadratic and are differentiated exactly by it.
 */
export interface FieldCase {
  f: ScalarField
  x: number[]
  gradient: number[]
  /** ∂²f/∂xᵢ² at x. */
  curvature: number[]
  /** Bounds on |∂³f/∂xᵢ³| everywhere. */
  m3: number[]
  size: number
}

/** A coordinate in [−3, 3] in tenths, 0 drawn on purpose (a step proportional to |xᵢ| vanishes there). */
const coordinate = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: tenths(-3, 3) })
const axisTerm = fc.record({ a: quarters(-3, 3), w: fc.constantFrom(0.5, 1, 1.5, 2), phi: fc.constantFrom(0, 0.5, 1), b: quarters(-2, 2), at: coordinate })

export const fieldCase: fc.Arbitrary<FieldCase> = fc
  .integer({ min: 1, max: 4 })
  .chain((n) =>
    fc.record({
      C: fc.oneof(fc.constant(0), fc.integer({ min: -1000, max: 1000 })),
      axes: fc.array(axisTerm, { minLength: n, maxLength: n }),
      cross: fc.array(quarters(-1, 1), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
    }),
  )
  .map(({ C, axes, cross }) => {
    const n = axes.length
    const pairs: [number, number, number][] = []
    let k = 0
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j, cross[k++]!])
    const f = described(
      (p: readonly number[]) => {
        let s = C
        axes.forEach(({ a, w, phi, b }, i) => (s += a * Math.sin(w * p[i]! + phi) + b * p[i]! * p[i]!))
        for (const [i, j, cij] of pairs) s += cij * p[i]! * p[j]!
        return s
      },
      `p => ${terms([
        [C, ''],
        ...axes.flatMap(({ a, w, phi, b }, i): [number, string][] => [[a, `Math.sin(${w} * p[${i}]${phi ? ` + ${phi}` : ''})`], [b, `p[${i}]**2`]]),
        ...pairs.map(([i, j, cij]): [number, string] => [cij, `p[${i}] * p[${j}]`]),
      ])}`,
    )
    const point = axes.map(({ at }) => at)
    const gradient = axes.map(({ a, w, phi, b }, i) => {
      let g = a * w * Math.cos(w * point[i]! + phi) + 2 * b * point[i]!
      for (const [p, q, cij] of pairs) {
        if (p === i) g += cij * point[q]!
        if (q === i) g += cij * point[p]!
      }
      return g
    })
    return labelled<FieldCase>(
      {
        f,
        x: point,
        gradient,
        curvature: axes.map(({ a, w, phi, b }, i) => -a * w * w * Math.sin(w * point[i]! + phi) + 2 * b),
        m3: axes.map(({ a, w }) => Math.abs(a) * w ** 3),
        size: Math.abs(C) + 40 * n + 10 * pairs.length,
      },
      `{ f: ${f}, x: ${JSON.stringify(point)} }`,
    )
  })

export const fieldRegions: Regions<FieldCase> = {
  'one variable': region(6, (c) => c.x.length === 1),
  'four variables': region(4, (c) => c.x.length === 4),
  'a coordinate is 0': region(15, (c) => c.x.includes(0)),
  'large values: |C| ≥ 500': region(4, (c) => c.size - 40 * c.x.length - 5 * c.x.length * (c.x.length - 1) >= 500),
  'cross terms': region(30, (c) => c.x.length >= 2),
}

// ---------------------------------------------------------------------------------------------
// Critical points
// ---------------------------------------------------------------------------------------------

/**
 * A field with a known critical point p, and its exact gradient anywhere:
 *   'minimum'/'maximum': ±(Σᵢ bᵢ(xᵢ − pᵢ)² + Σᵢ aᵢ(1 − cos(xᵢ − pᵢ))) + C, with bᵢ > 0, aᵢ ≥ 0;
 *   'saddle': Σᵢ sᵢ·bᵢ(xᵢ − pᵢ)² + C with signs sᵢ of both kinds (n ≥ 2), or C + (x₀ − p₀)(x₁ − p₁).
 * Every partial derivative is 0 at p exactly (sin 0 = 0), and values stay near |C| + 100.
 */
export interface CriticalCase {
  kind: 'minimum' | 'maximum' | 'saddle'
  f: ScalarField
  p: number[]
  gradientAt: (point: readonly number[]) => number[]
  /** ∂²f/∂xᵢ² at p (0 where it is not known). */
  axisCurvature: number[]
}

const centre = tenths(-2, 2)

const extremumCase = fc
  .integer({ min: 1, max: 4 })
  .chain((n) =>
    fc.record({
      sign: fc.constantFrom(1, -1),
      C: fc.integer({ min: -100, max: 100 }),
      p: fc.array(centre, { minLength: n, maxLength: n }),
      b: fc.array(fc.constantFrom(0.25, 0.5, 1, 2, 3), { minLength: n, maxLength: n }),
      a: fc.array(fc.constantFrom(0, 0.5, 1, 2), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ sign, C, p, b, a }): CriticalCase => {
    const f = described(
      (q: readonly number[]) => C + sign * p.reduce((s, pi, i) => s + b[i]! * (q[i]! - pi) ** 2 + a[i]! * (1 - Math.cos(q[i]! - pi)), 0),
      `p => ${C} + ${sign} * (${p.map((pi, i) => `${b[i]}*(p[${i}] - ${pi})**2 + ${a[i]}*(1 - Math.cos(p[${i}] - ${pi}))`).join(' + ')})`,
    )
    const gradientAt = (q: readonly number[]) => p.map((pi, i) => sign * (2 * b[i]! * (q[i]! - pi) + a[i]! * Math.sin(q[i]! - pi)))
    return labelled({ kind: sign > 0 ? 'minimum' : 'maximum', f, p, gradientAt, axisCurvature: p.map((_, i) => sign * (2 * b[i]! + a[i]!)) }, `{ f: ${f}, p: ${JSON.stringify(p)} }`)
  })

const saddleCase = fc.oneof(
  fc
    .integer({ min: 2, max: 4 })
    .chain((n) =>
      fc.record({
        C: fc.integer({ min: -100, max: 100 }),
        p: fc.array(centre, { minLength: n, maxLength: n }),
        b: fc.array(fc.constantFrom(0.25, 0.5, 1, 2, 3), { minLength: n, maxLength: n }),
        signs: fc.array(fc.constantFrom(1, -1), { minLength: n, maxLength: n }).filter((s) => s.includes(1) && s.includes(-1)),
      }),
    )
    .map(({ C, p, b, signs }): CriticalCase => {
      const f = described(
        (q: readonly number[]) => C + p.reduce((s, pi, i) => s + signs[i]! * b[i]! * (q[i]! - pi) ** 2, 0),
        `p => ${C} + ${p.map((pi, i) => `${signs[i]! * b[i]!}*(p[${i}] - ${pi})**2`).join(' + ')}`,
      )
      const gradientAt = (q: readonly number[]) => p.map((pi, i) => 2 * signs[i]! * b[i]! * (q[i]! - pi))
      return labelled({ kind: 'saddle', f, p, gradientAt, axisCurvature: p.map((_, i) => 2 * signs[i]! * b[i]!) }, `{ f: ${f}, p: ${JSON.stringify(p)} }`)
    }),
  fc.record({ C: fc.integer({ min: -100, max: 100 }), p: fc.array(centre, { minLength: 2, maxLength: 2 }) }).map(({ C, p }): CriticalCase => {
    const [p0, p1] = p as [number, number]
    const f = described((q: readonly number[]) => C + (q[0]! - p0) * (q[1]! - p1), `p => ${C} + (p[0] - ${p0}) * (p[1] - ${p1})`)
    return labelled({ kind: 'saddle', f, p, gradientAt: (q) => [q[1]! - p1, q[0]! - p0], axisCurvature: [0, 0] }, `{ f: ${f}, p: ${JSON.stringify(p)} }`)
  }),
)

export const extremum: fc.Arbitrary<CriticalCase> = extremumCase
export const saddle: fc.Arbitrary<CriticalCase> = saddleCase

/**
 * Tolerances for isCriticalPoint. The numeric gradient of these fields is within about 1e-8 of the
 * truth (|f| ≤ about 1100), far below the smallest tolerance.
 */
export const criticalTol = fc.constantFrom(1e-3, 1e-4, 1e-2)

/**
 * A point p + u near a critical point p, moved along one axis i by u = G/fᵢᵢ so that ∂f/∂xᵢ ≈ G
 * (the other partial derivatives stay exactly 0). The gradient is computed exactly afterwards.
 */
function nearCritical(size: (tol: number) => fc.Arbitrary<number>, tol: number) {
  return fc
    .record({ critical: fc.oneof(extremum, saddle), axis: fc.nat(), G: size(tol), sign: fc.constantFrom(1, -1) })
    .filter(({ critical, axis }) => critical.axisCurvature[axis % critical.p.length] !== 0)
    .map(({ critical, axis, G, sign }) => {
      const i = axis % critical.p.length
      const point = critical.p.map((pi, j) => (j === i ? pi + (sign * G) / critical.axisCurvature[i]! : pi))
      return labelled({ ...critical, point, gradient: critical.gradientAt(point) }, `{ f: ${critical.f}, x: ${JSON.stringify(point)} }`)
    })
}

/**
 * A point where the gradient is not 0 in any norm: some partial derivative is at least 3 × tol in
 * size, so ‖∇f‖ > tol whichever norm is compared with tol (length, largest component, sum), and by
 * far more than any numeric error (1e-8). Two regimes: points well away from the critical point
 * (a partial derivative ≥ 100·tol), and points just outside, where the largest partial derivative
 * is 3·tol to 0.5·√tol: ‖∇f‖ > tol but ‖∇f‖² ≤ tol, so comparing the squared length with tol fails.
 */
export function awayFromCritical(tol: number) {
  const far = fc
    .record({ critical: fc.oneof(extremum, saddle), shift: fc.array(tenths(-2, 2), { minLength: 4, maxLength: 4 }) })
    .map(({ critical, shift }) => {
      const point = critical.p.map((pi, i) => pi + shift[i]!)
      return labelled({ ...critical, point, gradient: critical.gradientAt(point) }, `{ f: ${critical.f}, x: ${JSON.stringify(point)} }`)
    })
    .filter(({ gradient }) => Math.max(...gradient.map(Math.abs)) >= 100 * tol)
  const justOutside = nearCritical((t) => fc.double({ min: 4 * t, max: 0.4 * Math.sqrt(t), noNaN: true }), tol)
    .filter(({ gradient }) => Math.max(...gradient.map(Math.abs)) >= 3 * tol && Math.hypot(...gradient) <= 0.5 * Math.sqrt(tol))
  return fc.oneof(far, justOutside)
}

/** A point near a critical point where ∇f is not 0 but every partial derivative is at most tol/3: ‖∇f‖ ≤ tol in every norm up to n = 3 (0.58·tol for n = 4 in length, tol·4/3 summed: sums are not compared). */
export function withinTol(tol: number) {
  return nearCritical((t) => fc.double({ min: t / 100, max: t / 3, noNaN: true }), tol).filter(({ gradient }) => gradient.some((g) => g !== 0) && Math.max(...gradient.map(Math.abs)) <= tol / 3)
}

/** `3 + 0.5 * x**2 - 2 * Math.sin(x)` from [[3, ''], [0.5, 'x**2'], [-2, 'Math.sin(x)']], without zero terms. */
function terms(parts: [number, string][]): string {
  const shown = parts.filter(([k]) => k !== 0).map(([k, t], i) => {
    const sign = k < 0 ? (i === 0 ? '-' : ' - ') : i === 0 ? '' : ' + '
    const size = Math.abs(k)
    return `${sign}${t === '' ? size : size === 1 ? t : `${size} * ${t}`}`
  })
  return shown.length ? shown.join('') : '0'
}

/** Shows a generated case as `label` in counterexamples instead of listing every field. */
