// Oracles for 02-derivatives: mathjs `derivative` for symbolic derivatives, compared by evaluation
// at points where the comparison is numerically meaningful; and families of smooth functions with
// their exact derivatives (and bounds on the higher derivatives that decide the numeric errors).
import fc from 'fast-check'
import { math } from './mathjs.ts'

const { derivative, parse } = math
import { type Expr, add, c, cos, evaluate, exp, log, mul, pow, show, sin, x } from '../public/expr.ts'
import { exprArbitrary, niceConstant, niceExponent, printable } from '../public/expr-arbitrary.ts'
import { described } from './described.ts'

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

/** Constants (including 0, negatives, fractions) and x itself. */
export const constantOrX: fc.Arbitrary<Expr> = fc.oneof(
  fc.constant(x),
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
const quarters = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((k) => k / 4)

export const smoothCase: fc.Arbitrary<SmoothCase> = fc
  .record({
    C: fc.oneof(fc.constant(0), fc.integer({ min: -1000, max: 1000 })),
    a: quarters(-3, 3),
    w: fc.constantFrom(0.5, 1, 1.5, 2),
    phi: fc.constantFrom(0, 0.5, 1),
    b: quarters(-2, 2),
    e: quarters(-1, 1),
    at: fc.integer({ min: -300, max: 300 }).map((k) => k / 100),
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

const axisTerm = fc.record({ a: quarters(-3, 3), w: fc.constantFrom(0.5, 1, 1.5, 2), phi: fc.constantFrom(0, 0.5, 1), b: quarters(-2, 2), at: tenths(-3, 3) })

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
    return labelled({ kind: sign > 0 ? 'minimum' : 'maximum', f, p, gradientAt }, `{ f: ${f}, p: ${JSON.stringify(p)} }`)
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
      return labelled({ kind: 'saddle', f, p, gradientAt }, `{ f: ${f}, p: ${JSON.stringify(p)} }`)
    }),
  fc.record({ C: fc.integer({ min: -100, max: 100 }), p: fc.array(centre, { minLength: 2, maxLength: 2 }) }).map(({ C, p }): CriticalCase => {
    const [p0, p1] = p as [number, number]
    const f = described((q: readonly number[]) => C + (q[0]! - p0) * (q[1]! - p1), `p => ${C} + (p[0] - ${p0}) * (p[1] - ${p1})`)
    return labelled({ kind: 'saddle', f, p, gradientAt: (q) => [q[1]! - p1, q[0]! - p0] }, `{ f: ${f}, p: ${JSON.stringify(p)} }`)
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
 * A point p + u where the gradient is clearly not 0: some partial derivative is at least 100 × tol
 * in size, so ‖∇f‖ > tol in every norm (and by far more than any numeric error), whichever norm the
 * student compares with tol. Points near the boundary ‖∇f‖ ≈ tol are never generated.
 */
export function awayFromCritical(tol: number) {
  return fc
    .record({ critical: fc.oneof(extremum, saddle), shift: fc.array(tenths(-2, 2), { minLength: 4, maxLength: 4 }) })
    .map(({ critical, shift }) => {
      const point = critical.p.map((pi, i) => pi + shift[i]!)
      return labelled({ ...critical, point, gradient: critical.gradientAt(point) }, `{ f: ${critical.f}, x: ${JSON.stringify(point)} }`)
    })
    .filter(({ gradient }) => Math.max(...gradient.map(Math.abs)) >= 100 * tol)
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
function labelled<T extends object>(value: T, label: string): T {
  return Object.defineProperty(value, fc.toStringMethod, { value: () => label })
}
