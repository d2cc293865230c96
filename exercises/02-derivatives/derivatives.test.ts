import { describe } from 'vitest'
import fc from 'fast-check'
import {
  Mismatch, expectArgumentsUnchanged, expectClose, expectThrows, expectTrue, forAll, prose, recordPlot, region, regionsOn, topic, withoutRegions, type Regions,
} from '../../grader/harness'
import * as student from '@target/02-derivatives/derivatives'
import { type Expr, add, evaluate, mul, pow, show, sin, x } from '../../reference/public/expr'
import {
  type CriticalCase, DERIVE_TOL, FIXED_POINTS, awayFromCritical, composition, compositionRegions, constantOrX, constantRegions, criticalTol, elementary, extremum,
  fieldCase, fieldRegions, powerAtZero, powerAtZeroCase, powerAtZeroRegions, powerOfX, powerRegions, productOfTerms, productRegions, randomExpr, randomExprRegions, referenceSlope,
  saddle, samplePoints, secondOrderTolerance, smoothCase, smoothRegions, sumOfTerms, sumRegions, withinTol,
} from '../../reference/oracles/derivatives'
import { accidentalError } from '../../reference/oracles/errors'
import { described } from '../../reference/oracles/described'

const { graded } = topic(import.meta.url)

/**
 * With its default step, a numeric derivative must be within 1e-6 (absolute or relative) of f′(x).
 * The test functions have |f| ≤ 1050 and |f‴| ≤ 30, so a central difference with any step from
 * about 3e-7 to 1e-4 (times max(1, |x|)) is within it: rounding ≈ 2.2e-16·1050/h, truncation
 * ≤ h²·30/6. With the lesson's h = ∛eps·max(1, |x|) the worst error over 5000 sampled cases was
 * 1/55 of the tolerance.
 */
const NUMERIC_TOL = { abs: 1e-6, rel: 1e-6 }
/** The explicit step of the second-order tests: O(h) and O(h²) errors are 1000 times apart here. */
const H = 1e-3

describe('numericDerivative(f, x, h?)', () => {
  graded('numericDerivative.accurate', 'with its default step, numericDerivative(f, x) is within 1e-6 of f′(x), even where |f| is near 1000', () => {
    forAll({ input: smoothCase }, ({ input: { f, x: at, slope } }) =>
      expectClose(`numericDerivative(f, ${at})`, student.numericDerivative(f, at), slope, NUMERIC_TOL),
    { regions: regionsOn('input', smoothRegions) })
  })

  graded('numericDerivative.central', `with an explicit step h = ${H}, the error is O(h²) (central), not O(h) (one-sided)`, () => {
    recordErrorAgainstStep()
    // f″(x) is at least 0.5 in size, so a one-sided difference misses f′(x) by at least
    // h·|f″|/2 − h²·M₃/6 ≥ 2.45e-4, while a second-order method is within h²·M₃ + rounding ≤ 3.1e-5.
    const curved = smoothCase.filter((s) => Math.abs(s.curvature) >= 0.5)
    forAll({ input: curved }, ({ input: { f, x: at, slope, m3, size } }) => {
      const tol = secondOrderTolerance(H, m3, size)
      expectClose(`numericDerivative(f, ${at}, ${H})`, student.numericDerivative(f, at, H), slope, { abs: tol, rel: 0 })
    }, { regions: regionsOn('input', withoutRegions(smoothRegions, 'curved: |f″(x)| ≥ 0.5')) })
  })

  graded('numericDerivative.badInput', 'a non-finite x, or a step h that is not a positive finite number, is refused with a RangeError', () => {
    const f = described((t: number) => t * t, 'x => x * x')
    for (const bad of [NaN, Infinity, -Infinity]) {
      expectThrows(`numericDerivative(x => x * x, ${bad})`, () => student.numericDerivative(f, bad), [RangeError])
    }
    for (const bad of [0, -1e-3, NaN, Infinity]) {
      expectThrows(`numericDerivative(x => x * x, 1, ${bad})`, () => student.numericDerivative(f, 1, bad), [RangeError])
    }
  })

  graded('numericDerivative.largeX', 'far from 0 (|x| from 1e3 to 1e6) the default step grows with |x|, as the lesson says: still within 1e-6', () => {
    // Quadratics around x₀ (f‴ = 0, so no step has truncation error) with |f| between 500 and 1050:
    // rounding costs about ε·|f|/h. With h = ∛ε·|x| ≥ 6e-3 that is below 1e-10; a step that
    // shrinks as |x| grows (h = ∛ε/|x| ≤ 6e-9) is off by more than 1e-5. A fixed step of 1e-7 to
    // 1e-4 also passes when the difference is divided by (x + h) − (x − h), the distance actually used.
    const input = fc.record({
      x0: fc.constantFrom(1e3, 1e4, 1e5, 1e6).chain((m) => fc.integer({ min: 1, max: 9 }).map((k) => k * m)),
      sign: fc.constantFrom(1, -1),
      C: fc.oneof(fc.integer({ min: 500, max: 1000 }), fc.integer({ min: -1000, max: -500 })),
      b: fc.integer({ min: -8, max: 8 }).map((k) => k / 4),
      e: fc.integer({ min: -8, max: 8 }).map((k) => k / 4),
      s: fc.integer({ min: -8, max: 8 }).map((k) => k / 4),
    })
    forAll({ input }, ({ input: { x0, sign, C, b, e, s } }) => {
      const centre = sign * x0
      const at = centre + s
      const f = described((t: number) => C + e * (t - centre) + b * (t - centre) ** 2, `x => ${C} + ${e} * (x - ${centre}) + ${b} * (x - ${centre})**2`)
      expectClose(`numericDerivative(f, ${at})`, student.numericDerivative(f, at), e + 2 * b * s, NUMERIC_TOL)
    }, {
      regions: {
        '|x| ≈ 1e3': region(5, ({ input }) => input.x0 < 1e4),
        '|x| ≈ 1e6': region(7, ({ input }) => input.x0 >= 1e6),
        'x < 0': region(25, ({ input }) => input.sign < 0),
        'curved: b ≠ 0': region(50, ({ input }) => input.b !== 0),
      },
    })
  })
})

/**
 * For the report: the error of the student's numericDerivative(sin, 1, h) against h = 10⁻¹ … 10⁻¹²,
 * beside the central difference's. Both fall like h² until rounding (≈ eps/h) takes over.
 */
function recordErrorAgainstStep(): void {
  const steps = Array.from({ length: 12 }, (_, k) => 10 ** -(k + 1))
  const errorOf = (estimate: (h: number) => number) =>
    steps.map((h) => {
      try {
        return Math.log10(Math.abs(estimate(h) - Math.cos(1)))
      } catch {
        return NaN
      }
    })
  recordPlot({
    kind: 'curves',
    title: 'numericDerivative(sin, 1, h): log₁₀ of the error for h = 10^−1 … 10^−12',
    xLabel: 'k, where h = 10^−(k+1)',
    yLabel: 'log₁₀ |error|',
    series: [
      { name: 'yours', values: errorOf((h) => student.numericDerivative(Math.sin, 1, h)) },
      { name: 'central difference', values: errorOf((h) => (Math.sin(1 + h) - Math.sin(1 - h)) / (2 * h)) },
    ],
  })
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)} …` : text)

/**
 * derive(f) must have the value mathjs's derivative has, at every point where comparing is
 * meaningful (f finite, and no pole, huge value or log(≤ 0) nearby; see `wellConditioned` for why
 * DERIVE_TOL is safe there).
 */
function expectDerivative(expr: Expr, points: readonly number[]): void {
  const result = student.derive(expr)
  for (const at of [...points, ...FIXED_POINTS]) {
    const want = referenceSlope(expr, at)
    if (Number.isNaN(want)) continue
    const got = evaluate(result, at)
    expectClose(`derive(${show(expr)}) returned ${clip(show(result))}; at x = ${at} its value`, got, want, DERIVE_TOL)
  }
}

/** The sample points: four in [0.1, 4] and four in [−4, −0.1] every time; these say whether the ends are reached. */
const pointRegions = {
  'a point below 0.5': region(25, ({ points }: { points: number[] }) => points.some((p) => p > 0 && p < 0.5)),
  'a point beyond 3': region(25, ({ points }: { points: number[] }) => points.some((p) => p > 3)),
  'a point in [−4, −3]': region(22, ({ points }: { points: number[] }) => points.some((p) => p <= -3)),
}

describe('derive(expr)', () => {
  graded('derive.constant', 'the constant rule: a constant has derivative 0, and x has derivative 1', () => {
    forAll({ expr: constantOrX, points: samplePoints }, ({ expr, points }) => expectDerivative(expr, points), { regions: regionsOn('expr', constantRegions) })
  })
  graded('derive.power', 'the power rule: [xⁿ]′ = n·xⁿ⁻¹ for real n (negative and fractional too)', () => {
    forAll({ expr: powerOfX, points: samplePoints }, ({ expr, points }) => expectDerivative(expr, points), { regions: regionsOn('expr', powerRegions) })
  })
  graded('derive.powerAtZero', 'the power rule where the base is 0: [uⁿ]′ = n·uⁿ⁻¹·u′ is defined there for n ≥ 1 (u′ for n = 1, else 0)', () => {
    // The lesson: your derivative must be defined wherever f is. n·uⁿ⁻¹·u′ is; uⁿ·n·u′/u and
    // exp(n·ln u)·n·u′/u are 0·∞ or ln 0 there. Bases are dyadic, so u is exactly 0 at x = −c/k.
    forAll({ p: powerAtZero }, ({ p: { expr, at, slope } }) => {
      const result = student.derive(expr)
      expectClose(`derive(${show(expr)}) returned ${clip(show(result))}; at x = ${at}, where the base is 0, its value`, evaluate(result, at), slope, { abs: 1e-12, rel: 0 })
    }, { regions: regionsOn('p', powerAtZeroRegions), numRuns: 40, examples: [{ p: powerAtZeroCase(1, 1, 0) }, { p: powerAtZeroCase(1, -1, 2) }, { p: powerAtZeroCase(2, 1, 0) }, { p: powerAtZeroCase(3, 2, -1) }] })
  })
  graded('derive.zeroPower', '[u⁰]′ = 0 at every x, also where u = 0: u⁰ is the constant 1 (Math.pow(0, 0) = 1)', () => {
    // n·uⁿ⁻¹·u′ with n = 0 is 0·u⁻¹·u′, which is 0·∞ = NaN where u = 0; the derivative of a
    // constant is 0 there too. Every correct form gives exactly 0 (or −0), so the tolerance only forgives rounding.
    for (const [label, expr] of [['x⁰', pow(x, 0)], ['(sin x)⁰', pow(sin(x), 0)], ['(x + x)⁰', pow(add(x, x), 0)]] as const) {
      const result = student.derive(expr)
      for (const at of [0, 0.5, -2]) expectClose(`derive(${label}) returned ${clip(show(result))}; at x = ${at} its value`, evaluate(result, at), 0, { abs: 1e-12, rel: 0 })
    }
  })
  graded('derive.sum', 'the sum rule: [f + g]′ = f′ + g′ (sums of x and constants)', () => {
    forAll({ expr: sumOfTerms, points: samplePoints }, ({ expr, points }) => expectDerivative(expr, points), { regions: regionsOn('expr', sumRegions) })
  })
  graded('derive.product', 'the product rule: [fg]′ = f′g + fg′ (products of x, constants and sums)', () => {
    forAll({ expr: productOfTerms, points: samplePoints }, ({ expr, points }) => expectDerivative(expr, points), { regions: regionsOn('expr', productRegions) })
  })
  graded('derive.trig', '[sin x]′ = cos x and [cos x]′ = −sin x', () => {
    forAll({ points: samplePoints }, ({ points }) => {
      expectDerivative(elementary.sin, points)
      expectDerivative(elementary.cos, points)
    }, { regions: pointRegions })
  })
  graded('derive.exp', '[eˣ]′ = eˣ', () => {
    forAll({ points: samplePoints }, ({ points }) => expectDerivative(elementary.exp, points), { regions: pointRegions })
  })
  graded('derive.log', '[ln x]′ = 1/x', () => {
    forAll({ points: samplePoints }, ({ points }) => expectDerivative(elementary.log, points), { regions: pointRegions })
  })
  graded('derive.chain', 'the chain rule: [f(g(x))]′ = f′(g(x))·g′(x), for sin, cos, exp, log and powers of an inner function', () => {
    forAll({ expr: composition, points: samplePoints }, ({ expr, points }) => expectDerivative(expr, points), { regions: regionsOn('expr', compositionRegions) })
  })
  graded('derive.random', 'random expressions over every kind agree with mathjs’s derivative', () => {
    forAll({ expr: randomExpr, points: samplePoints }, ({ expr, points }) => expectDerivative(expr, points), { numRuns: 200, regions: regionsOn('expr', randomExprRegions) })
  })
  graded('derive.badInput', 'a node of an unknown kind is refused with a TypeError that says so', () => {
    const tan = { kind: 'tan', arg: x } as unknown as Expr
    for (const [text, bad] of [['{ kind: "tan", arg: x }', tan], ['add(x, { kind: "tan", arg: x })', add(x, tan)]] as const) {
      const what = `derive(${text})`
      expectThrows(what, () => student.derive(bad), [TypeError])
      expectNotAccidental(what, () => student.derive(bad))
    }
  })
  graded('derive.badInputMissing', 'a missing sub-expression (null or undefined, at the top or deep inside) is refused with a TypeError of its own', () => {
    const missing = [
      ['null', null],
      ['undefined', undefined],
      ['add(x, null)', add(x, null as unknown as Expr)],
      ['sin(undefined)', sin(undefined as unknown as Expr)],
      ['mul(x, pow(null, 2))', mul(x, pow(null as unknown as Expr, 2))],
    ] as const
    for (const [text, bad] of missing) {
      const what = `derive(${text})`
      expectThrows(what, () => student.derive(bad as unknown as Expr), [TypeError])
      expectNotAccidental(what, () => student.derive(bad as unknown as Expr))
    }
  })
})

/** A TypeError the engine raised (reading a property of undefined, …) does not name the problem. */
function expectNotAccidental(what: string, call: () => unknown): void {
  try {
    call()
  } catch (error) {
    const why = accidentalError(error)
    if (why) throw new Mismatch(`${what} crashed (${why}) instead of checking its input`, prose('an error of your own whose message names the problem'), prose(`${(error as Error).name}: ${(error as Error).message}`))
  }
}

describe('gradient(f, x, h?)', () => {
  graded('gradient.values', 'gradient(f, x) is within 1e-6 of ∇f(x) in every component, for f: ℝⁿ → ℝ with n = 1…4', () => {
    forAll({ input: fieldCase }, ({ input: { f, x: point, gradient } }) =>
      expectClose(`gradient(f, ${JSON.stringify(point)})`, student.gradient(f, point), gradient, NUMERIC_TOL),
    { regions: regionsOn('input', fieldRegions) })
  })
  graded('gradient.central', `with an explicit step h = ${H}, each component's error is O(h²) (central differences)`, () => {
    // As in numericDerivative.central: along an axis with |∂²f/∂xᵢ²| ≥ 0.5 a one-sided difference
    // is off by at least 2.45e-4; a second-order one is within h²·M₃ᵢ + rounding ≤ 3.1e-5.
    const curved = fieldCase.filter((s) => s.curvature.some((k) => Math.abs(k) >= 0.5))
    forAll({ input: curved }, ({ input: { f, x: point, gradient, m3, size } }) => {
      const what = `gradient(f, ${JSON.stringify(point)}, ${H})`
      const got = student.gradient(f, point, H)
      expectTrue(Array.isArray(got) && got.length === point.length, `${what} must have one entry per coordinate`, { expected: gradient, actual: got })
      gradient.forEach((gi, i) => expectClose(`${what}[${i}]`, got[i], gi, { abs: secondOrderTolerance(H, m3[i]!, size), rel: 0 }))
    }, { regions: regionsOn('input', withoutRegions(fieldRegions, 'one variable')) })
  })
  graded('gradient.badInput', 'an empty x, a non-finite coordinate, or a bad step is refused with a RangeError', () => {
    const f = described((p: readonly number[]) => p.reduce((s, v) => s + v * v, 0), 'p => Σ p[i]²')
    expectThrows('gradient(f, [])', () => student.gradient(f, []), [RangeError])
    for (const bad of [NaN, Infinity]) expectThrows(`gradient(f, [1, ${bad}])`, () => student.gradient(f, [1, bad]), [RangeError])
    for (const bad of [0, -1e-3, NaN]) expectThrows(`gradient(f, [1, 2], ${bad})`, () => student.gradient(f, [1, 2], bad), [RangeError])
  })
  graded('derivatives.badInputNamed', "the RangeError's message says what is wrong: x (or its coordinate) or the step h", () => {
    const f = described((t: number) => t * t, 'x => x * x')
    const field = described((p: readonly number[]) => p.reduce((s, v) => s + v * v, 0), 'p => Σ p[i]²')
    const X = /\bx\b|x\[|point|coordinate|component/i
    const STEP = /\bh\b|step/i
    expectMessage('numericDerivative(x => x * x, NaN)', () => student.numericDerivative(f, NaN), X)
    expectMessage('numericDerivative(x => x * x, 1, -1)', () => student.numericDerivative(f, 1, -1), STEP)
    expectMessage('gradient(f, [1, Infinity])', () => student.gradient(field, [1, Infinity]), X)
    expectMessage('gradient(f, [1, 2], 0)', () => student.gradient(field, [1, 2], 0), STEP)
  })
})

/** `call` throws a RangeError whose message matches `names` (what is wrong). */
function expectMessage(what: string, call: () => unknown, names: RegExp): void {
  expectThrows(what, call, [RangeError])
  try {
    call()
  } catch (error) {
    const message = String((error as Error).message)
    expectTrue(names.test(message), `${what} threw, but its message does not say which argument is wrong`, {
      expected: prose(`a message that matches ${names}`),
      actual: prose(message),
    })
  }
}

const criticalRegions: Regions<{ input: CriticalCase; tol: number }> = {
  'one variable': region(8, ({ input }) => input.p.length === 1),
  'four variables': region(1, ({ input }) => input.p.length === 4),
  'a maximum': region(22, ({ input }) => input.kind === 'maximum'),
  'tol = 1e-4': region(10, ({ tol }) => tol === 1e-4),
}

describe('isCriticalPoint(f, x, tol)', () => {
  graded('isCriticalPoint.extrema', 'at a local minimum or maximum, ∇f = 0: isCriticalPoint is true', () => {
    forAll({ input: extremum, tol: criticalTol }, ({ input: { f, p, kind }, tol }) => {
      const answer = student.isCriticalPoint(f, p, tol)
      expectTrue(answer === true, `isCriticalPoint(f, ${JSON.stringify(p)}, ${tol}) = ${answer}, but p is a ${kind} of f`, { expected: true, actual: answer })
    }, { regions: criticalRegions })
  })
  graded('isCriticalPoint.saddle', 'at a saddle point ∇f = 0 too (a critical point that is not an extremum): true', () => {
    forAll({ input: saddle, tol: criticalTol }, ({ input: { f, p }, tol }) => {
      const answer = student.isCriticalPoint(f, p, tol)
      expectTrue(answer === true, `isCriticalPoint(f, ${JSON.stringify(p)}, ${tol}) = ${answer}, but ∇f = 0 at this saddle point`, { expected: true, actual: answer })
    }, { regions: withoutRegions(criticalRegions, 'a maximum', 'one variable') })
  })
  graded('isCriticalPoint.notCritical', 'where some partial derivative is at least 3·tol in size, isCriticalPoint is false (also just outside tol, where ‖∇f‖² is below tol)', () => {
    const away = criticalTol.chain((tol) => awayFromCritical(tol).map((input) => ({ ...input, tol })))
    forAll({ input: away }, ({ input: { f, point, gradient, tol } }) => {
      const answer = student.isCriticalPoint(f, point, tol)
      expectTrue(answer === false, `isCriticalPoint(f, ${JSON.stringify(point)}, ${tol}) = ${answer}, but ∇f = ${JSON.stringify(gradient)} there: ‖∇f‖ = ${Math.hypot(...gradient)} > tol`, { expected: false, actual: answer })
    }, {
      regions: {
        'just outside: tol < ‖∇f‖ ≤ √tol/2': region(15, ({ input: { gradient, tol } }) => Math.hypot(...gradient) <= 0.5 * Math.sqrt(tol)),
        'far: some |∂f/∂xᵢ| ≥ 100·tol': region(15, ({ input: { gradient, tol } }) => Math.max(...gradient.map(Math.abs)) >= 100 * tol),
        'tol = 1e-4': region(12, ({ input: { tol } }) => tol === 1e-4),
        'tol = 1e-2': region(12, ({ input: { tol } }) => tol === 1e-2),
      },
    })
  })
  graded('isCriticalPoint.withinTol', 'near a critical point, where ∇f is not 0 but its one non-zero partial derivative is at most tol/3, isCriticalPoint is true', () => {
    const near = criticalTol.chain((tol) => withinTol(tol).map((input) => ({ ...input, tol })))
    forAll({ input: near }, ({ input: { f, point, gradient, tol } }) => {
      const answer = student.isCriticalPoint(f, point, tol)
      expectTrue(answer === true, `isCriticalPoint(f, ${JSON.stringify(point)}, ${tol}) = ${answer}, but ∇f = ${JSON.stringify(gradient)} there: within tol = ${tol} of 0`, { expected: true, actual: answer })
    }, {
      numRuns: 50,
      regions: {
        'tol = 1e-4': region(2, ({ input: { tol } }) => tol === 1e-4),
        'tol = 1e-2': region(2, ({ input: { tol } }) => tol === 1e-2),
        'near a saddle': region(2, ({ input: { kind } }) => kind === 'saddle'),
        '‖∇f‖ ≥ tol/10': region(1, ({ input: { gradient, tol } }) => Math.hypot(...gradient) >= tol / 10),
      },
    })
  })
  graded('isCriticalPoint.badInput', 'a tolerance that is not a positive finite number, or an empty x, is refused with a RangeError', () => {
    const f = described((p: readonly number[]) => p[0]! ** 2, 'p => p[0]**2')
    for (const bad of [0, -1e-3, NaN, Infinity]) expectThrows(`isCriticalPoint(f, [0], ${bad})`, () => student.isCriticalPoint(f, [0], bad), [RangeError])
    expectThrows('isCriticalPoint(f, [], 1e-3)', () => student.isCriticalPoint(f, [], 1e-3), [RangeError])
  })
})

describe('inputs', () => {
  graded('derivatives.argumentsUnchanged', 'derive, gradient and isCriticalPoint leave their arguments unchanged', () => {
    forAll({ field: fieldCase, expr: randomExpr }, ({ field: { f, x: point }, expr }) => {
      expectArgumentsUnchanged(`gradient(f, ${JSON.stringify(point)})`, [point], (p) => student.gradient(f, p as number[]))
      expectArgumentsUnchanged(`gradient(f, ${JSON.stringify(point)}, ${H})`, [point], (p) => student.gradient(f, p as number[], H))
      expectArgumentsUnchanged(`isCriticalPoint(f, ${JSON.stringify(point)}, 1e-3)`, [point], (p) => student.isCriticalPoint(f, p as number[], 1e-3))
      expectArgumentsUnchanged(`derive(${show(expr)})`, [expr], (e) => student.derive(e as Expr))
    }, { numRuns: 50, regions: { 'field: one variable': region(1, ({ field }) => field.x.length === 1), 'field: four variables': region(1, ({ field }) => field.x.length === 4), 'expr: not a leaf': region(20, ({ expr }) => expr.kind !== 'x' && expr.kind !== 'const') } })
  })
})
