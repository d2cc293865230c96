import { describe } from 'vitest'
import fc from 'fast-check'
import { Mismatch, expectArgumentsUnchanged, expectClose, expectThrows, expectTrue, forAll, prose, recordPlot, region, regionsOn, topic, withoutRegions, type Regions } from '../../grader/harness'
import { accidentalError } from '../../reference/oracles/errors'
import * as student from '@target/07-feature-extraction/feature-extraction'
import {
  type HeldOut, PLOT_EXTENT, PLOT_RESOLUTION, PRIMES, boundaryGrid, exponentVectors, fitReference, heldOutSplit, majorityRate, monomial,
  monomialCount, pointArb, pointRegions, productRef, radiusRef, standardizeRef,
} from '../../reference/oracles/feature-extraction'

const { graded } = topic(import.meta.url)

// ---- radius and product ----

describe('radius([x, y]) and product([x, y])', () => {
  graded('radius.hypot', 'radius([x, y]) = √(x² + y²)', () => {
    // Two correctly rounded ways of computing it differ by at most a few ulps; 1e-300 covers subnormal inputs.
    forAll({ p: pointArb }, ({ p }) => expectClose(`radius(${JSON.stringify(p)})`, student.radius(p), radiusRef(p), { rel: 1e-14, abs: 1e-300 }),
      { examples: [{ p: [3, 4] }, { p: [0, 0] }, { p: [-5, 0] }], regions: regionsOn('p', pointRegions) })
  })
  graded('radius.rotationInvariant', 'the radius does not change when the point is rotated about the origin, reflected, or its coordinates swapped', () => {
    // Any turn, or one of more than π on purpose (sin θ < 0: the rotated point changes half-plane).
    const turn = fc.oneof(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: Math.PI, max: 2 * Math.PI, noNaN: true }))
    forAll({ p: pointArb, theta: turn }, ({ p, theta }) => {
      const [x, y] = p as [number, number]
      const r = student.radius(p)
      // Rotating in floating point moves the point by about 2e-16·|p|.
      const rotated = [x * Math.cos(theta) - y * Math.sin(theta), x * Math.sin(theta) + y * Math.cos(theta)]
      expectClose(`radius(${JSON.stringify(rotated)}) (the point rotated by ${theta})`, student.radius(rotated), r, { rel: 1e-12, abs: 1e-300 })
      expectClose(`radius([${-x}, ${-y}])`, student.radius([-x, -y]), r, { rel: 1e-14, abs: 0 })
      expectClose(`radius([${y}, ${x}])`, student.radius([y, x]), r, { rel: 1e-14, abs: 0 })
    }, { regions: { ...regionsOn('p', withoutRegions(pointRegions, 'both coordinates tiny (below 1e-3)')), 'a turn of more than π': region(5, ({ theta }) => theta > Math.PI) } })
  })
  graded('radius.extremes', 'radius is right for huge and tiny coordinates: radius([3e200, 4e200]) = 5e200, radius([3e-200, 4e-200]) = 5e-200', () => {
    const cases: [number[], number][] = [[[3e200, 4e200], 5e200], [[-3e-200, 4e-200], 5e-200], [[1e300, 1e300], Math.SQRT2 * 1e300], [[5e-324, 0], 5e-324]]
    for (const [p, r] of cases) expectClose(`radius(${JSON.stringify(p)})`, student.radius(p), r, { rel: 1e-14, abs: 0 })
  })
  graded('product.exact', 'product([x, y]) is x·y', () => {
    forAll({ p: pointArb }, ({ p }) => expectClose(`product(${JSON.stringify(p)})`, student.product(p), productRef(p), { rel: 0, abs: 0 }), { regions: regionsOn('p', pointRegions) })
  })
  graded('product.sign', 'the product is positive in the first and third quadrants, negative in the second and fourth, 0 on the axes; a quarter turn flips its sign', () => {
    const size = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.double({ min: 1e-3, max: 1e6, noNaN: true }) })
    forAll({ a: size, b: size, sx: fc.constantFrom(1, -1), sy: fc.constantFrom(1, -1) }, ({ a, b, sx, sy }) => {
      const [x, y] = [sx * a, sy * b]
      const p = student.product([x, y])
      const expected = a === 0 || b === 0 ? 0 : sx * sy
      expectTrue(Math.sign(p) === expected || (expected === 0 && p === 0), `product([${x}, ${y}]) = ${p} has the wrong sign`, { expected: prose(expected === 0 ? '0' : expected > 0 ? 'a positive number' : 'a negative number'), actual: p })
      const turned = student.product([-y, x])
      expectClose(`product([${-y}, ${x}]) (the point turned by 90°)`, turned, -p, { rel: 0, abs: 0 })
    }, {
      regions: {
        'on an axis': region(10, ({ a, b }) => a === 0 || b === 0),
        'the second quadrant': region(5, ({ a, b, sx, sy }) => a > 0 && b > 0 && sx < 0 && sy > 0),
        'the fourth quadrant': region(5, ({ a, b, sx, sy }) => a > 0 && b > 0 && sx > 0 && sy < 0),
        'the third quadrant': region(5, ({ a, b, sx, sy }) => a > 0 && b > 0 && sx < 0 && sy < 0),
      },
    })
  })
})

// ---- polynomial features ----

const polyCase = fc.record({ d: fc.integer({ min: 1, max: 4 }), degree: fc.integer({ min: 1, max: 4 }) })
const polyRegions: Regions<{ c: { d: number; degree: number } }> = {
  'three or four variables, degree ≥ 2 (cross terms of non-neighbours)': region(10, ({ c }) => c.d >= 3 && c.degree >= 2),
  'degree 1 (the variables themselves)': region(5, ({ c }) => c.degree === 1),
  'one variable (powers only)': region(5, ({ c }) => c.d === 1),
  'degree 4': region(5, ({ c }) => c.degree === 4), // about a fifth of 100 cases: 5 holds except with probability 1e-5
}

describe('polynomialFeatures(x, degree)', () => {
  graded('polynomialFeatures.count', 'there are C(d + degree, degree) − 1 monomials of degree 1 to degree in d variables (5 for [x, y] and degree 2)', () => {
    forAll({ c: polyCase }, ({ c: { d, degree } }) => {
      const out = student.polynomialFeatures(PRIMES.slice(0, d), degree)
      expectTrue(Array.isArray(out) && out.length === monomialCount(d, degree), `polynomialFeatures of ${d} variables, degree ${degree}, gave ${Array.isArray(out) ? out.length : 'no'} features`, { expected: monomialCount(d, degree), actual: Array.isArray(out) ? out.length : out })
    }, { examples: [{ c: { d: 2, degree: 2 } }], regions: polyRegions })
  })
  graded('polynomialFeatures.monomials', 'the features are exactly the monomials x₁^e₁⋯x_d^e_d with 1 ≤ e₁ + ⋯ + e_d ≤ degree, each once, in a fixed order', () => {
    // At x = (2, 3, 5, 7), every monomial is a different whole number (unique factorisation), so each
    // feature tells which monomial it is; then the same positions must hold the same monomials at any x.
    forAll({ c: polyCase, x: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }) }, ({ c: { d, degree }, x }) => {
      const primes = PRIMES.slice(0, d)
      const exponents = exponentVectors(d, degree)
      const byValue = new Map(exponents.map((e) => [monomial(primes, e), e]))
      const out = student.polynomialFeatures(primes, degree)
      const sorted = [...byValue.keys()].sort((a, b) => a - b)
      expectClose(`polynomialFeatures(${JSON.stringify(primes)}, ${degree}), sorted`, Array.isArray(out) ? out.slice().sort((a, b) => a - b) : out, sorted, { rel: 0, abs: 0 })
      const order = out.map((v) => byValue.get(v)!)
      const point = x.slice(0, d)
      // Products of up to 4 factors, each rounded: a relative 1e-14 is ample.
      expectClose(`polynomialFeatures(${JSON.stringify(point)}, ${degree}) (in the order your features have at ${JSON.stringify(primes)})`,
        student.polynomialFeatures(point, degree), order.map((e) => monomial(point, e)), { rel: 1e-14, abs: 1e-300 })
    }, { examples: [{ c: { d: 2, degree: 2 }, x: [1.5, -2, 0, 0] }], regions: polyRegions })
  })
})

// ---- standardize ----

/** A column with spread: values in [−1000, 1000] whose range is at least 1e-3·(1 + max |x|), so cancellation stays harmless. */
const spreadColumn = (n: number) =>
  fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: n, maxLength: n })
    .filter((c) => Math.max(...c) - Math.min(...c) >= 1e-3 * (1 + Math.max(...c.map(Math.abs))))
/**
 * A column of tiny values k·1e-11 (k from −50 to 50, two different at least): its standard deviation
 * is 1e-11 to 5e-10, not 0. Near 0 there is no cancellation, so it standardizes to rounding; a
 * "constant" test with a threshold (σ < 1e-8) takes it for a constant column.
 */
const tinyColumn = (n: number) =>
  fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }).filter((ks) => new Set(ks).size >= 2).map((ks) => ks.map((k) => k * 1e-11))
const constantColumn = (n: number) => fc.oneof(fc.constantFrom(0, 0.1, -3.7, 1e10), fc.double({ min: -1e6, max: 1e6, noNaN: true })).map((v) => Array.from({ length: n }, () => v))
const columnsToRows = (columns: number[][]) => columns[0]!.map((_, i) => columns.map((c) => c[i]!))

const spreadMatrix = fc.record({ n: fc.integer({ min: 2, max: 30 }), tiny: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }) })
  .chain(({ n, tiny }) => fc.tuple(...tiny.map((t, j) => (t && j % 2 === 0 ? tinyColumn(n) : spreadColumn(n)))))
  .map(columnsToRows)

type Kind = 'constant' | 'spread' | 'tiny'
// One row (n = 1, where every column is constant) a fifth of the time, on purpose.
const rows = fc.oneof({ arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.integer({ min: 2, max: 20 }), weight: 4 })
const mixedMatrix = fc.record({ n: rows, kinds: fc.array(fc.constantFrom<Kind>('constant', 'spread', 'spread', 'tiny'), { minLength: 1, maxLength: 4 }) })
  .chain(({ n, kinds }) => fc.tuple(...kinds.map((kind) => (kind === 'constant' || n === 1 ? constantColumn(n) : kind === 'tiny' ? tinyColumn(n) : spreadColumn(n)))))
  .map(columnsToRows)

const columnsOf = (X: number[][]) => X[0]!.map((_, j) => X.map((row) => row[j]!))
const isTiny = (c: number[]) => c.some((v) => v !== c[0]) && Math.max(...c.map(Math.abs)) <= 5e-10
const isConstant = (c: number[]) => c.every((v) => v === c[0])
const matrixRegions: Regions<{ X: number[][] }> = {
  'a tiny column (σ below 1e-9, not 0)': region(10, ({ X }) => columnsOf(X).some(isTiny)),
  'one column': region(10, ({ X }) => X[0]!.length === 1),
  'four columns': region(10, ({ X }) => X[0]!.length === 4),
}
const mixedRegions: Regions<{ X: number[][] }> = {
  ...matrixRegions,
  'a constant column beside others': region(10, ({ X }) => X[0]!.length >= 2 && columnsOf(X).some(isConstant) && !columnsOf(X).every(isConstant)),
  'one row (every column constant)': region(3, ({ X }) => X.length === 1),
}

describe('standardize(X)', () => {
  graded('standardize.meanZeroVarianceOne', 'every standardized column has mean 0 and variance 1 (with 1/n)', () => {
    forAll({ X: spreadMatrix }, ({ X }) => {
      const { Z } = student.standardize(X)
      const n = X.length
      X[0]!.forEach((_, j) => {
        const column = Z.map((row) => row[j]!)
        // Deviations lose at most a relative 1e-13 here (range ≥ 1e-3 of the magnitude).
        expectClose(`the mean of column ${j} of Z`, column.reduce((s, v) => s + v, 0) / n, 0, { abs: 1e-9, rel: 0 })
        expectClose(`the variance (1/n) of column ${j} of Z`, column.reduce((s, v) => s + v * v, 0) / n, 1, { abs: 1e-9, rel: 0 })
      })
    }, { regions: { ...matrixRegions, 'two rows': region(1, ({ X }) => X.length === 2) }, examples: [{ X: [[1, 5e-11], [3, -2e-11]] }] })
  })
  graded('standardize.formula', 'mean and scale are the columns\' mean and standard deviation (as mathjs computes them), and Z = (X − mean)/scale', () => {
    forAll({ X: mixedMatrix }, ({ X }) => {
      const result = student.standardize(X)
      const ref = standardizeRef(X)
      expectClose('standardize(X).mean', result.mean, ref.mean, { rel: 1e-12, abs: 1e-9 })
      expectClose('standardize(X).scale', result.scale, ref.scale, { rel: 1e-9, abs: 0 })
      expectClose('standardize(X).Z', result.Z, ref.Z, { rel: 1e-9, abs: 1e-9 })
    }, { regions: mixedRegions })
  })
  graded('standardize.constantColumn', 'a constant column does not divide by zero: its Z column is 0, its mean the constant, its scale 1', () => {
    forAll({ X: mixedMatrix }, ({ X }) => {
      const result = student.standardize(X)
      X[0]!.forEach((v, j) => {
        if (!X.every((row) => row[j] === v)) return
        expectClose(`column ${j} of Z (the column is constant: ${v})`, result.Z.map((row) => row[j]), X.map(() => 0), { abs: 1e-9, rel: 0 })
        expectClose(`mean[${j}] of a column that is constantly ${v}`, result.mean[j], v, { rel: 1e-12, abs: 0 })
        expectClose(`scale[${j}] of a constant column`, result.scale[j], 1, { abs: 0, rel: 0 })
      })
    }, { examples: [{ X: [[0.1], [0.1], [0.1]] }, { X: [[1, 5]] }, { X: [[2, 0.1], [4, 0.1], [9, 0.1]] }], regions: mixedRegions })
  })
})

// ---- the data sets: raw features against extracted ones ----

/**
 * The held-out accuracy an extracted feature must reach; the reference features reach 99.3% to 100%.
 * Each data test runs three reference fits (300 steps on 700 rows), under a second alone: the tests
 * allow 30 s for a loaded grading machine.
 */
const REQUIRED = 0.95

/** The reference trainer on features made by `feature`, scored on the held-out rows. */
function heldOutAccuracy(split: HeldOut, feature: (p: number[]) => number[]): { accuracy: number; probability: (p: number[]) => number } {
  const fitted = fitReference(split.train.X.map(feature), split.train.y)
  return { accuracy: fitted.accuracy(split.test.X.map(feature), split.test.y), probability: (p) => fitted.probability(feature(p)) }
}

function dataTest(name: 'feature_extraction1' | 'feature_extraction2', shape: string, what: string, mine: (p: number[]) => number[], theirs: (p: number[]) => number[]): void {
  const split = heldOutSplit(name)
  const raw = heldOutAccuracy(split, (p) => p)
  recordPlot({
    kind: 'decision-boundary', dataset: name, extent: PLOT_EXTENT, resolution: PLOT_RESOLUTION,
    title: `${shape}: logistic regression on the raw (x, y), ${(100 * raw.accuracy).toFixed(1)}% held out: the majority class (${(100 * majorityRate(split.test.y)).toFixed(1)}%) everywhere (the same for everyone)`,
    student: boundaryGrid(raw.probability),
  })
  const yours = heldOutAccuracy(split, mine)
  const reference = heldOutAccuracy(split, theirs)
  recordPlot({
    kind: 'decision-boundary', dataset: name, extent: PLOT_EXTENT, resolution: PLOT_RESOLUTION,
    title: `${shape}: logistic regression on ${what}, ${(100 * yours.accuracy).toFixed(1)}% held out (reference ${(100 * reference.accuracy).toFixed(1)}%)`,
    student: boundaryGrid(yours.probability), reference: boundaryGrid(reference.probability),
  })
  expectTrue(yours.accuracy >= REQUIRED, `logistic regression on ${what} gets ${(100 * yours.accuracy).toFixed(1)}% of the held-out ${shape} right`, {
    expected: prose(`at least ${100 * REQUIRED}% (the reference feature gets ${(100 * reference.accuracy).toFixed(1)}%)`),
    actual: prose(`${(100 * yours.accuracy).toFixed(1)}%`),
  })
}

describe('feature extraction on the lecture\'s data sets', () => {
  graded('circles.radius', 'circles (feature_extraction1): logistic regression on your radius gets ≥ 95% of the held-out points, where (x, y) gets only the majority class', () => {
    dataTest('feature_extraction1', 'circles', 'your radius', (p) => [student.radius(p)], (p) => [radiusRef(p)])
  }, { timeout: 30_000 })
  graded('quadrants.product', 'quadrants (feature_extraction2): logistic regression on your product x·y gets ≥ 95% of the held-out points', () => {
    dataTest('feature_extraction2', 'quadrants', 'your product x·y', (p) => [student.product(p)], (p) => [productRef(p)])
  }, { timeout: 30_000 })
  graded('polynomialFeatures.separates', 'your degree-2 polynomial features (x, y, x², xy, y²) separate both the circles and the quadrants (≥ 95% held out)', () => {
    const reference = (p: number[]) => exponentVectors(2, 2).map((e) => monomial(p, e))
    dataTest('feature_extraction1', 'circles', 'your degree-2 polynomial features', (p) => student.polynomialFeatures(p, 2), reference)
    dataTest('feature_extraction2', 'quadrants', 'your degree-2 polynomial features', (p) => student.polynomialFeatures(p, 2), reference)
  }, { timeout: 30_000 })
})

describe('bad input and arguments', () => {
  graded('features.badInput', 'points that are not two finite numbers, an empty x, a bad degree and empty or ragged matrices are refused', () => {
    for (const p of [[1], [1, 2, 3], [NaN, 1], [1, Infinity], []]) {
      expectThrows(`radius(${JSON.stringify(p)})`, () => student.radius(p))
      expectThrows(`product(${JSON.stringify(p)})`, () => student.product(p))
    }
    expectThrows('polynomialFeatures([], 2)', () => student.polynomialFeatures([], 2))
    expectThrows('polynomialFeatures([1, NaN], 2)', () => student.polynomialFeatures([1, NaN], 2))
    for (const degree of [0, -1, 1.5, NaN]) expectThrows(`polynomialFeatures([1, 2], ${degree})`, () => student.polynomialFeatures([1, 2], degree))
    expectThrows('standardize([])', () => student.standardize([]))
    expectThrows('standardize([[]])', () => student.standardize([[]]))
    expectThrows('standardize([[1, 2], [3]])', () => student.standardize([[1, 2], [3]]))
    expectThrows('standardize([[1, NaN], [3, 4]])', () => student.standardize([[1, NaN], [3, 4]]))
  })
  graded('features.badInputChecked', 'each bad input is refused by a check of yours, not by JavaScript crashing (e.g. reading X[0] of an empty X)', () => {
    const cases: Array<[string, () => unknown]> = [
      ['radius([])', () => student.radius([])],
      ['product([1])', () => student.product([1])],
      ['polynomialFeatures([], 2)', () => student.polynomialFeatures([], 2)],
      ['standardize([])', () => student.standardize([])],
      ['standardize([[]])', () => student.standardize([[]])],
      ['standardize([[1, 2], [3]])', () => student.standardize([[1, 2], [3]])],
    ]
    for (const [what, call] of cases) {
      expectThrows(what, call)
      try {
        call()
      } catch (error) {
        const why = accidentalError(error)
        if (why) throw new Mismatch(`${what} crashed (${why}) instead of checking its input`, prose('a RangeError whose message says what is wrong, e.g. "X has no rows"'), prose(`${(error as Error).name}: ${(error as Error).message}`))
      }
    }
  })
  graded('features.argumentsUnchanged', 'no function changes the arrays it is given', () => {
    expectArgumentsUnchanged('radius', [[3, -4]], (p) => student.radius(p as number[]))
    expectArgumentsUnchanged('product', [[3, -4]], (p) => student.product(p as number[]))
    expectArgumentsUnchanged('polynomialFeatures', [[2, -1, 0.5], 3], (x, k) => student.polynomialFeatures(x as number[], k as number))
    expectArgumentsUnchanged('standardize', [[[1, 5, 2], [3, 5, -2], [-4, 5, 0]]], (X) => student.standardize(X as number[][]))
  })
})
