import { describe } from 'vitest'
import fc from 'fast-check'
import {
  type Tolerance, expectArgumentsUnchanged, expectClose, expectEqual, expectThrows, expectThrowsNaming, expectTrue, forAll, prose, recordBackend, recordPlot, region, regionsOn, scaledFloors, topic, withoutRegions,
  type Regions, expectCounts, namesAny, namesWord, testSeedNow,
} from '../../grader/harness'
import * as student from '@target/05-gradient-descent/descent'
import {
  type Linear, data1, dataMulti, distance, gradientOf, hessianEigenvalues, lecture1, lecture10d, lecture2, lecturePolynomial, leastSquares,
  conditionNumber, maxRowNorm2, mse1, mseOf, numericGradient1, referenceGD, referencePolyFeatures, referenceSGD, stepsToConverge, tfBackend, tfGradient1,
  data1Regions, dataMultiRegions, sgdOrders,
} from '../../reference/oracles/gradient-descent'
import { createRng } from '../../reference/public/rng'
import { labelled } from '../../reference/oracles/described'

const { graded } = topic(import.meta.url)

// ---- tolerances ----

/**
 * Gradient descent with η ≤ 2/λmax never magnifies a difference between two runs (‖I − ηH‖ ≤ 1),
 * so two correct implementations that round differently (1e-16 per operation) stay within about
 * steps × 1e-15 of each other. 1e-9, relative or absolute, leaves a margin of a million.
 */
const RUN_TOL: Tolerance = { abs: 1e-9, rel: 1e-9 }

/** 1-D data with a spread of xs, so the least-squares line is unique. */
const spreadData1 = data1.filter(({ xs }) => xs.length >= 2 && Math.max(...xs) - Math.min(...xs) >= 0.5)
/** A learning rate as a fraction c of 1/λmax (c up to 1.9 stays below the stability limit 2/λmax). */
const fraction = (max: number) => fc.double({ min: 0.05, max, noNaN: true })
/** A parameter in [−5, 5], 0 drawn on purpose. */
const param = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) })
/** 0 to 40 steps, 0 (the start only: the loop's edge) drawn on purpose. */
const steps = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }) })
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 })

// ---- named input regions (see grader/core/regions.ts) ----
const onData1 = regionsOn('data', data1Regions)
const onDataMulti = regionsOn('data', dataMultiRegions)
const stepRegions: Regions<{ steps: number }> = { 'steps = 0 (the start only)': region(3, ({ steps }) => steps === 0), 'steps ≥ 30': region(8, ({ steps }) => steps >= 30) }
const rateRegions: Regions<{ c: number }> = { 'η above 1/λmax (GD overshoots, still stable)': region(4, ({ c }) => c > 1) }

const asLinear = (p: { w: number; b: number }): Linear => ({ w: [p.w], b: p.b })
const traceOf = (path: Linear[], losses: number[]) => path.map((p, k) => ({ w: p.w[0]!, b: p.b, loss: losses[k]! }))
/** Plot points from whatever the code under test returned (a failing student still sees their run). */
const numbers = (values: unknown): number[] => (Array.isArray(values) ? values.map(Number) : [])
const pathOf = (trace: unknown): [number, number][] =>
  Array.isArray(trace) ? trace.filter((t) => t && typeof t === 'object').map((t: { w?: unknown; b?: unknown }): [number, number] => [Number(t.w), Number(t.b)]) : []
const lossesOf = (trace: unknown): number[] => (Array.isArray(trace) ? trace.map((t: { loss?: unknown } | null) => Number(t?.loss)) : [])

describe('mseGradient(w, b, xs, ys)', () => {
  graded('mseGradient.numeric', 'agrees with central differences of L = (1/n)·Σ(w·xᵢ + b − yᵢ)²', () => {
    forAll({ w: param, b: param, data: data1 }, ({ w, b, data: { xs, ys } }) => {
      const numeric = numericGradient1(w, b, xs, ys)
      // L is quadratic, so the central difference is exact but for rounding: about 1e-16·L/h ≤ 1e-9.
      const tol = { abs: 1e-7 * (1 + mse1(w, b, xs, ys)), rel: 1e-7 }
      expectClose(`mseGradient(${w}, ${b}, xs, ys)`, student.mseGradient(w, b, xs, ys), { dw: numeric.dw, db: numeric.db }, tol)
    }, { regions: { ...onData1, 'w = 0': region(3, ({ w }) => w === 0) } })
  })

  graded('mseGradient.tfGrad', 'agrees with tf.grads of the same loss in TensorFlow.js', () => {
    recordBackend(tfBackend())
    forAll({ w: param, b: param, data: data1 }, ({ w, b, data: { xs, ys } }) => {
      const expected = tfGradient1(w, b, xs, ys)
      // TensorFlow.js computes in float32 (unit roundoff 6e-8): rounding the inputs, the residuals
      // and a sum of ≤ 30 terms costs at most about 40·6e-8 of S = (2/n)·Σ(|w·xᵢ| + |b| + |yᵢ|)(|xᵢ| + 1).
      // The tolerance is 10 times that; a factor 2 (1/n instead of 2/n) is far outside it.
      const S = (2 / xs.length) * xs.reduce((s, x, i) => s + (Math.abs(w * x) + Math.abs(b) + Math.abs(ys[i]!)) * (Math.abs(x) + 1), 0)
      expectClose(`mseGradient(${w}, ${b}, xs, ys)`, student.mseGradient(w, b, xs, ys), expected, { abs: 2.5e-5 * (1 + S) })
    }, { numRuns: 50, regions: scaledFloors(withoutRegions(onData1, 'data: twenty points or more', 'data: an x of 0'), 0.5) })
  })

  graded('mseGradient.descent', 'a small step against the gradient lowers the loss', () => {
    forAll({ w: param, b: param, data: spreadData1 }, ({ w, b, data: { xs, ys } }) => {
      const g = student.mseGradient(w, b, xs, ys)
      const exact = gradientOf(asLinear({ w, b }), xs.map((x) => [x]), ys)
      // With η = 1/λmax the true gradient lowers L by at least (η/2)·‖∇L‖²; skip points where that is
      // lost in rounding (the gradient there is essentially zero).
      const eta = 1 / hessianEigenvalues(xs.map((x) => [x])).max
      const before = mse1(w, b, xs, ys)
      if ((eta / 2) * Math.hypot(...exact) ** 2 <= 1e-9 * (1 + before)) return
      const after = mse1(w - eta * g.dw, b - eta * g.db, xs, ys)
      expectTrue(after < before, `a step of η = ${eta} against mseGradient(${w}, ${b}, xs, ys) does not lower the loss`, {
        expected: prose(`L(w − η·dw, b − η·db) < L(w, b) = ${before}`),
        actual: prose(`L = ${after} after the step, with mseGradient = ${JSON.stringify(g)}`),
      })
    }, { regions: withoutRegions(onData1, 'data: one point') })
  })
})

describe('linearGD(xs, ys, opts)', () => {
  graded('linearGD.matchesReference', 'takes the same steps as the reference gradient descent', () => {
    forAll({ data: data1, c: fraction(1.9), steps, w0: param, b0: param }, ({ data: { xs, ys }, c, steps, w0, b0 }) => {
      const learningRate = c / hessianEigenvalues(xs.map((x) => [x])).max
      const reference = referenceGD(xs.map((x) => [x]), ys, learningRate, steps, { w: [w0], b: b0 })
      const result = student.linearGD(xs, ys, { learningRate, steps, start: { w: w0, b: b0 } })
      expectClose(`linearGD(xs, ys, { learningRate: ${learningRate}, steps: ${steps}, start: { w: ${w0}, b: ${b0} } }).trace`, result.trace, traceOf(reference.path, reference.losses), RUN_TOL)
      expectClose('linearGD(…).w and .b', { w: result.w, b: result.b }, { w: reference.w[0], b: reference.b }, RUN_TOL)
    }, { regions: { ...onData1, ...stepRegions, ...rateRegions, 'w₀ = 0': region(3, ({ w0 }) => w0 === 0) } })
    // Without a start it begins at (0, 0).
    const reference = referenceGD(lecture1.xs.map((x) => [x]), lecture1.ys, 0.1, 5)
    expectClose('linearGD(linear_regression1, { learningRate: 0.1, steps: 5 }).trace', student.linearGD(lecture1.xs, lecture1.ys, { learningRate: 0.1, steps: 5 }).trace, traceOf(reference.path, reference.losses), RUN_TOL)
  })

  graded('linearGD.simultaneous', 'w and b are updated together, both from the gradient at the old (w, b)', () => {
    // With every xᵢ = 1, ∂L/∂w = (2/n)·Σ rᵢ·1 = ∂L/∂b at every step, so w and b must move by exactly the
    // same amounts. Updating b with the already-updated w breaks this at the first step.
    const ys = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 20 })
    forAll({ ys, c: fraction(1), steps: fc.integer({ min: 1, max: 20 }), w0: param, b0: param }, ({ ys, c, steps, w0, b0 }) => {
      const xs = ys.map(() => 1)
      const learningRate = c / 4 // λmax = 4 for xᵢ = 1
      const result = student.linearGD(xs, ys, { learningRate, steps, start: { w: w0, b: b0 } })
      result.trace.forEach((t, k) => {
        const moved = { w: t.w - w0, b: t.b - b0 }
        expectTrue(Math.abs(moved.w - moved.b) <= 1e-9 * (1 + Math.abs(moved.w) + Math.abs(moved.b)), `after ${k} steps w and b have moved by different amounts although every x is 1`, {
          expected: prose('w − w₀ = b − b₀ (the two partial derivatives are equal here)'),
          actual: prose(`w − w₀ = ${moved.w}, b − b₀ = ${moved.b}`),
        })
      })
    }, { regions: { 'one step': region(1, ({ steps }) => steps === 1), 'one point': region(3, ({ ys }) => ys.length === 1) }, examples: [{ ys: [1, 2.5], c: 0.5, steps: 1, w0: 0, b0: 1 }, { ys: [3], c: 0.25, steps: 4, w0: -1, b0: 0 }] })
  })

  graded('linearGD.lecture', "the lecture's run: from (−4, 4) with η = 0.5, 100 steps on linear_regression1", () => {
    const opts = { learningRate: 0.5, steps: 100, start: { w: -4, b: 4 } }
    const reference = referenceGD(lecture1.xs.map((x) => [x]), lecture1.ys, opts.learningRate, opts.steps, asLinear(opts.start))
    const result = student.linearGD(lecture1.xs, lecture1.ys, opts)
    recordPlot({ kind: 'search-path', title: 'Gradient descent from (−4, 4), η = 0.5', dataset: 'linear_regression1', student: pathOf(result?.trace), reference: reference.path.map((p) => [p.w[0]!, p.b]) })
    recordPlot({ kind: 'curves', title: 'Loss per step, η = 0.5', xLabel: 'step', yLabel: 'loss', series: [{ name: 'your linearGD', values: lossesOf(result?.trace) }, { name: 'reference', values: reference.losses }] })
    expectClose('linearGD(linear_regression1, { learningRate: 0.5, steps: 100, start: (−4, 4) }).trace', result.trace, traceOf(reference.path, reference.losses), RUN_TOL)
  })

  graded('linearGD.leastSquares', 'with η = 1/λmax and enough steps it reaches the least-squares line (normal equations, mathjs)', () => {
    // Condition numbers up to 2000 keep the number of steps below about 40 000.
    const conditioned = spreadData1.filter(({ xs }) => {
      const eig = hessianEigenvalues(xs.map((x) => [x]))
      return conditionNumber(eig) <= 2000
    })
    forAll({ data: conditioned, w0: param, b0: param }, ({ data: { xs, ys }, w0, b0 }) => {
      const X = xs.map((x) => [x])
      const eig = hessianEigenvalues(X)
      const best = leastSquares(X, ys)
      const tol = 1e-6 * (1 + Math.hypot(...best.w, best.b))
      // ‖θₖ − θ*‖ ≤ (1 − λmin/λmax)ᵏ·‖θ₀ − θ*‖: take enough steps to get within tol/2.
      const steps = stepsToConverge(eig, distance(asLinear({ w: w0, b: b0 }), best), tol / 2)
      const result = student.linearGD(xs, ys, { learningRate: 1 / eig.max, steps, start: { w: w0, b: b0 } })
      expectClose(`linearGD(xs, ys, { learningRate: 1/λmax, steps: ${steps} })`, { w: result.w, b: result.b }, { w: best.w[0], b: best.b }, { abs: tol })
    }, { numRuns: 50, regions: { 'a negative slope at the optimum': region(1, ({ data }) => leastSquares(data.xs.map((x) => [x]), data.ys).w[0]! < 0) } })
  })
})

describe('gdMultivariate(X, y, opts) and polyFeatures(x, degree)', () => {
  graded('gdMultivariate.matchesReference', 'takes the same steps as the reference gradient descent', () => {
    forAll({ data: dataMulti, c: fraction(1.9), steps }, ({ data: { X, y, start }, c, steps }) => {
      const learningRate = c / hessianEigenvalues(X).max
      const reference = referenceGD(X, y, learningRate, steps, start)
      const result = student.gdMultivariate(X, y, start ? { learningRate, steps, start } : { learningRate, steps })
      expectClose(`gdMultivariate(X, y, { learningRate: ${learningRate}, steps: ${steps} })`, { w: result.w, b: result.b, losses: result.losses }, { w: reference.w, b: reference.b, losses: reference.losses }, RUN_TOL)
    }, { regions: { ...onDataMulti, ...stepRegions, ...rateRegions } })
  })

  graded('gdMultivariate.simultaneous', 'every update computes all partial derivatives first, then changes the parameters', () => {
    // A feature that is 1 in every row has the same partial derivative as b, at every step. If all
    // updates use the old parameters, that weight and b move by exactly the same amount. The slides'
    // 10-D code updates w[0], w[1], … in place and then b with the new w: the amounts differ.
    forAll({ data: dataMulti, at: fc.nat(), c: fraction(1), steps: fc.integer({ min: 1, max: 20 }) }, ({ data, at, c, steps }) => {
      const j = at % (data.X[0]!.length + 1)
      const X = data.X.map((row) => [...row.slice(0, j), 1, ...row.slice(j)])
      const start = data.start ? { w: [...data.start.w.slice(0, j), 0.5, ...data.start.w.slice(j)], b: data.start.b } : { w: X[0]!.map(() => 0), b: 0 }
      const learningRate = c / hessianEigenvalues(X).max
      const result = student.gdMultivariate(X, data.y, { learningRate, steps, start })
      const moved = { w: result.w[j]! - start.w[j]!, b: result.b - start.b }
      expectTrue(Math.abs(moved.w - moved.b) <= 1e-9 * (1 + Math.abs(moved.w) + Math.abs(moved.b)), `the weight of the all-ones feature ${j} and b moved by different amounts`, {
        expected: prose(`w[${j}] − start.w[${j}] = b − start.b`),
        actual: prose(`w[${j}] moved by ${moved.w}, b by ${moved.b}`),
      })
    }, { regions: { ...withoutRegions(onDataMulti, 'data: start left out (the default, all zeros)', 'data: start given'), 'the all-ones feature first': region(10, ({ at, data }) => at % (data.X[0]!.length + 1) === 0), 'the all-ones feature last': region(10, ({ at, data }) => at % (data.X[0]!.length + 1) === data.X[0]!.length) } })
  })

  graded('gdMultivariate.lecture10d', "the slides' 10-D example: 5000 steps reach y = 9 + Σ k·xₖ", () => {
    const { X, y } = lecture10d
    const learningRate = 0.25 // the slides' lr = 0.5 with their gradient (1/n)·Σ…, which is half of ours
    const reference = referenceGD(X, y, learningRate, 5000)
    const result = student.gdMultivariate(X, y, { learningRate, steps: 5000 })
    recordPlot({ kind: 'curves', title: '10-D example: loss per step, η = 0.25', xLabel: 'step', yLabel: 'loss', series: [{ name: 'your gdMultivariate', values: numbers(result?.losses) }, { name: 'reference', values: reference.losses }] })
    // Contraction per step max|1 − η·λ| over the Hessian's eigenvalues; from zeros to θ* (‖θ*‖ ≈ 18)
    // 5000 steps leave far less than 1e-6 (checked here, not assumed).
    const eig = hessianEigenvalues(X)
    const rate = Math.max(Math.abs(1 - learningRate * eig.min), Math.abs(1 - learningRate * eig.max))
    const best = leastSquares(X, y)
    expectTrue(rate ** 5000 * Math.hypot(...best.w, best.b) < 1e-8, 'the test assumes 5000 steps converge on this data', { expected: '< 1e-8', actual: rate ** 5000 })
    expectClose('gdMultivariate(linear_10d, { learningRate: 0.25, steps: 5000 })', { w: result.w, b: result.b }, { w: [0, 1, 2, 3, 4, 5, 6, 7, 8], b: 9 }, { abs: 1e-6 })
  })

  graded('gdMultivariate.leastSquares', 'with η = 1/λmax and enough steps it reaches the least-squares solution (mathjs)', () => {
    const wellConditioned = dataMulti.filter(({ X }) => X.length >= 3 * (X[0]!.length + 1)).filter(({ X }) => {
      const eig = hessianEigenvalues(X)
      return conditionNumber(eig) <= 500
    })
    forAll({ data: wellConditioned }, ({ data: { X, y, start } }) => {
      const eig = hessianEigenvalues(X)
      const best = leastSquares(X, y)
      const from = start ?? { w: X[0]!.map(() => 0), b: 0 }
      const tol = 1e-6 * (1 + Math.hypot(...best.w, best.b))
      const steps = stepsToConverge(eig, distance(from, best), tol / 2)
      const result = student.gdMultivariate(X, y, { learningRate: 1 / eig.max, steps, start: from })
      expectClose(`gdMultivariate(X, y, { learningRate: 1/λmax, steps: ${steps} })`, { w: result.w, b: result.b }, best, { abs: tol })
    }, { numRuns: 50, regions: { 'one feature': region(3, ({ data }) => data.X[0]!.length === 1), 'three or four features': region(3, ({ data }) => data.X[0]!.length >= 3), 'start left out': region(2, ({ data }) => data.start === undefined) } })
  })

  graded('polyFeatures.matchesReference', 'polyFeatures(x, degree) has rows [xᵢ, xᵢ², …, xᵢ^degree]', () => {
    const value = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) })
    forAll({ x: fc.array(value, { maxLength: 20 }), degree: fc.integer({ min: 1, max: 6 }) }, ({ x, degree }) =>
      // Repeated products and pow differ by a few units in the last place.
      expectClose(`polyFeatures(x, ${degree})`, student.polyFeatures(x, degree), referencePolyFeatures(x, degree), { abs: 1e-12, rel: 1e-12 }),
    {
      regions: {
        'degree 1 (x itself)': region(3, ({ degree }) => degree === 1),
        'degree 6 (the largest)': region(2, ({ degree }) => degree === 6),
        'no data (x = [])': region(2, ({ x }) => x.length === 0),
        'a negative x with an odd power': region(25, ({ x, degree }) => degree >= 3 && x.some((v) => v < 0)),
        'an x of 0': region(5, ({ x }) => x.includes(0)),
      },
    })
  })

  graded('polynomial.lecture', "the slides' polynomial regression: y = Σ j·xʲ fitted with 4 powers, η = 0.5, 10000 steps", () => {
    const { x, y } = lecturePolynomial
    const learningRate = 0.5 // the slides' lr = 1 with their halved gradient
    const reference = referenceGD(referencePolyFeatures(x, 4), y, learningRate, 10_000)
    const result = student.gdMultivariate(student.polyFeatures(x, 4), y, { learningRate, steps: 10_000 })
    recordPlot({ kind: 'curves', title: 'Polynomial regression: loss per step, η = 0.5', xLabel: 'step', yLabel: 'loss', series: [{ name: 'your gdMultivariate', values: numbers(result?.losses) }, { name: 'reference', values: reference.losses }] })
    expectClose('gdMultivariate(polyFeatures(x, 4), y, { learningRate: 0.5, steps: 10000 })', { w: result.w, b: result.b }, { w: reference.w, b: reference.b }, RUN_TOL)
    expectClose('its final loss', result.losses.at(-1), reference.losses.at(-1), RUN_TOL)
  })
})

describe('batches(n, batchSize, rng) and sgd(X, y, opts)', () => {
  /** n from 0 to 200 and a batch size up to n + 5: no data, one batch, batches of one, a short last batch and a batch size above n, each on purpose. */
  const sizes = fc.oneof(
    fc.integer({ min: 1, max: 200 }).chain((n) => fc.record({ n: fc.constant(n), batchSize: fc.integer({ min: 1, max: n }) })),
    fc.integer({ min: 1, max: 60 }).chain((n) => fc.record({ n: fc.constant(n), batchSize: fc.constantFrom(1, n, n + 1, n + 5) })),
    fc.record({ n: fc.constant(0), batchSize: fc.integer({ min: 1, max: 5 }) }),
  )
  const sizeRegions: Regions<{ size: { n: number; batchSize: number } }> = {
    'no data (n = 0)': region(3, ({ size: { n } }) => n === 0),
    'batches of one': region(2, ({ size: { n, batchSize } }) => batchSize === 1 && n > 1),
    'one batch of all n': region(2, ({ size: { n, batchSize } }) => batchSize === n && n > 1),
    'a batch size above n (one short batch)': region(3, ({ size: { n, batchSize } }) => batchSize > n && n > 0),
    'a short last batch': region(10, ({ size: { n, batchSize } }) => n % batchSize !== 0 && batchSize < n),
    'n ≥ 100': region(2, ({ size: { n } }) => n >= 100),
  }

  graded('batches.partition', 'one epoch: every index 0…n−1 exactly once, in batches of batchSize (the last may be short)', () => {
    forAll({ size: sizes, seed }, ({ size: { n, batchSize }, seed }) => {
      const result = student.batches(n, batchSize, createRng(seed))
      const all = result.flat()
      const sorted = [...all].sort((a, b) => a - b)
      expectEqual(`batches(${n}, ${batchSize}, rng), all indices sorted`, sorted, Array.from({ length: n }, (_, i) => i))
      const expectedSizes = Array.from({ length: Math.ceil(n / batchSize) }, (_, k) => Math.min(batchSize, n - k * batchSize))
      expectEqual(`the sizes of batches(${n}, ${batchSize}, rng)`, result.map((batch) => batch.length), expectedSizes)
    }, { regions: sizeRegions })
  })

  graded('batches.reproducible', 'the same rng seed gives the same batches (it uses rng, not Math.random)', () => {
    forAll({ n: fc.integer({ min: 10, max: 100 }), batchSize: fc.integer({ min: 1, max: 10 }), seed }, ({ n, batchSize, seed }) =>
      expectEqual(`batches(${n}, ${batchSize}, rng) twice with seed ${seed}`, student.batches(n, batchSize, createRng(seed)), student.batches(n, batchSize, createRng(seed))),
    { regions: { 'batches of one': region(3, ({ batchSize }) => batchSize === 1), 'a short last batch': region(10, ({ n, batchSize }) => n % batchSize !== 0) } })
  })

  graded('batches.shuffled', 'the batches are shuffled: not in the order 0, 1, 2, …', () => {
    // For a shuffle that gives each of the 20! orders the same chance, the identity order comes out
    // with probability 1/20! ≈ 4e-19 per call: 20 calls fail a correct solution with probability
    // below 1e-17.
    forAll({ batchSize: fc.integer({ min: 1, max: 20 }), seed }, ({ batchSize, seed }) => {
      const order = student.batches(20, batchSize, createRng(seed)).flat()
      expectTrue(order.some((v, i) => v !== i), `batches(20, ${batchSize}, rng) returned the indices in their original order`, { expected: prose('a shuffled order'), actual: order })
    }, { numRuns: 20, regions: { 'batches of one': region(1, ({ batchSize }) => batchSize === 1), 'one batch of 20': region(1, ({ batchSize }) => batchSize === 20) }, examples: [{ batchSize: 1, seed: 1 }, { batchSize: 20, seed: 2 }] })
  })

  graded('batches.uniform', 'the shuffle is uniform: on 3 indices each of the 6 orders comes out about 1/6 of the time', () => {
    // 2400 epochs of batches(3, size, rng) from one rng: each order is a Binomial(2400, 1/6) count.
    // Its band (Chernoff's bound, see grader/harness/stats.ts) holds except with probability
    // 1e-7/6 per order, so a uniform shuffle fails with probability below 1e-7 per run. Sorting
    // with a random comparator (sort(() => rng() − 0.5)) gives [0, 1, 2] far more often than
    // that; Fisher–Yates with j = round(rng()·i) favours the middle; Sattolo's never keeps an index.
    // Batch sizes 1, 2 and 3 take turns, so a shuffle that depends on the batch size shows too.
    const seed = testSeedNow()
    const rng = createRng(seed)
    const counts = new Map<string, number>(['0,1,2', '0,2,1', '1,0,2', '1,2,0', '2,0,1', '2,1,0'].map((order) => [order, 0]))
    const trials = 2400
    for (let t = 0; t < trials; t++) {
      const batchSize = 1 + (t % 3)
      const order = student.batches(3, batchSize, rng).flat().join(',')
      expectTrue(counts.has(order), `batches(3, ${batchSize}, rng) returned ${order}, not an order of 0, 1, 2`, { expected: prose('an order of 0, 1, 2'), actual: order })
      counts.set(order, counts.get(order)! + 1)
    }
    expectCounts(
      `batches(3, 1…3, rng), 2400 epochs from createRng(${seed})`,
      [...counts].map(([order, count]) => ({ name: `the order [${order}]`, count, trials, p: 1 / 6 })),
      1e-7,
      'The shuffle is skewed: use Fisher–Yates (for i from n − 1 down to 1, swap i with j = ⌊rng()·(i + 1)⌋), or shuffled from @course/rng; sorting with a random comparator is not uniform.',
    )
  })

  graded('sgd.fullBatchIsGD', 'with batchSize = n, every epoch is one step of full gradient descent', () => {
    forAll({ data: dataMulti, c: fraction(1.9), epochs: fc.integer({ min: 0, max: 30 }), seed }, ({ data: { X, y, start }, c, epochs, seed }) => {
      const learningRate = c / hessianEigenvalues(X).max
      const reference = referenceGD(X, y, learningRate, epochs, start)
      const opts = { learningRate, epochs, batchSize: X.length, rng: createRng(seed) }
      const result = student.sgd(X, y, start ? { ...opts, start } : opts)
      // The batch holds all rows in shuffled order, so sums are added in another order: rounding only.
      expectClose(`sgd(X, y, { learningRate: ${learningRate}, epochs: ${epochs}, batchSize: n = ${X.length} })`, { w: result.w, b: result.b, losses: result.losses }, { w: reference.w, b: reference.b, losses: reference.losses }, RUN_TOL)
    }, { examples: [{ data: { X: [[1], [2]], y: [1, 3], start: undefined }, c: 0.5, epochs: 0, seed: 1 }], regions: { ...onDataMulti, 'epochs = 0 (the start only)': region(1, ({ epochs }) => epochs === 0), 'epochs ≥ 20': region(10, ({ epochs }) => epochs >= 20), ...rateRegions } })
  })

  graded('sgd.shuffleUniform', "sgd's own shuffling is uniform: one epoch over 3 examples uses them in each of the 6 orders about 1/6 of the time", () => {
    // With batches of one, one epoch over three examples makes three updates whose result tells the
    // order apart (the six results differ by 0.05 or more, checked here; RUN_TOL is 1e-9). 1800
    // epochs from one rng: each order is a Binomial(1800, 1/6) count, checked with Chernoff's bound
    // at a false-alarm rate below 1e-7 in all (see grader/harness/stats.ts).
    const X = [[0.5], [2], [-1]]
    const y = [1, -1, 2]
    const start = { w: [0], b: 0 }
    const learningRate = 0.15
    const outcomes = sgdOrders(X, y, learningRate, start)
    const closest = Math.min(...outcomes.flatMap((a, i) => outcomes.slice(i + 1).map((b) => Math.hypot(a.result.w[0]! - b.result.w[0]!, a.result.b - b.result.b))))
    if (!(closest >= 0.05)) throw new Error(`the test's six orders are not told apart (${closest})`)
    const seed = testSeedNow()
    const rng = createRng(seed)
    const counts = outcomes.map(() => 0)
    const trials = 1800
    for (let t = 0; t < trials; t++) {
      const result = student.sgd(X, y, { learningRate, epochs: 1, batchSize: 1, rng, start })
      const k = outcomes.findIndex(({ result: r }) => Math.abs(r.w[0]! - result.w[0]!) <= 1e-9 && Math.abs(r.b - result.b) <= 1e-9)
      expectTrue(k >= 0, 'one epoch of sgd with batches of one on 3 examples did not end where any order of the 3 updates ends', { expected: prose(outcomes.map(({ order, result: r }) => `[${order}] → w = ${r.w[0]}, b = ${r.b}`).join('; ')), actual: { w: result.w, b: result.b } })
      counts[k]!++
    }
    expectCounts(
      `sgd(X, y, { epochs: 1, batchSize: 1, rng }) on 3 examples, 1800 times from createRng(${seed}): the order the examples were used in`,
      outcomes.map(({ order }, k) => ({ name: `the order [${order}]`, count: counts[k]!, trials, p: 1 / 6 })),
      1e-7,
      'The shuffle inside sgd is skewed: shuffle the indices with Fisher–Yates (or batches(n, batchSize, rng), or shuffled from @course/rng) at the start of every epoch.',
    )
  })

  graded('sgd.sameBatch', 'each update takes every partial derivative from the same batch, at the same (old) parameters', () => {
    // As in gdMultivariate.simultaneous: the weight of an all-ones feature and b have equal partial
    // derivatives on every batch, so they must move by equal amounts. Drawing another sample for
    // ∂/∂b than for ∂/∂w (the lecture's SGD code), or updating b after w, breaks this.
    const small = dataMulti.filter(({ X }) => X.length >= 3)
    forAll({ data: small, at: fc.nat(), c: fraction(1), size: fc.nat(), epochs: fc.integer({ min: 1, max: 4 }), seed }, ({ data, at, c, size, epochs, seed }) => {
      const j = at % (data.X[0]!.length + 1)
      const X = data.X.map((row) => [...row.slice(0, j), 1, ...row.slice(j)])
      const batchSize = 1 + (size % (X.length - 1)) // 1 … n − 1: more than one batch per epoch
      const learningRate = c / maxRowNorm2(X) // stable for every batch, even one example
      const start = { w: X[0]!.map(() => 0), b: 0 }
      const result = student.sgd(X, data.y, { learningRate, epochs, batchSize, rng: createRng(seed), start })
      const moved = { w: result.w[j]! - start.w[j]!, b: result.b - start.b }
      expectTrue(Math.abs(moved.w - moved.b) <= 1e-9 * (1 + Math.abs(moved.w) + Math.abs(moved.b)), `with batchSize ${batchSize}, the weight of the all-ones feature ${j} and b moved by different amounts`, {
        expected: prose(`w[${j}] − start.w[${j}] = b − start.b`),
        actual: prose(`w[${j}] moved by ${moved.w}, b by ${moved.b}`),
      })
    }, { regions: { 'batches of one': region(1, ({ size, data }) => size % (data.X.length - 1) === 0), 'more than one epoch': region(20, ({ epochs }) => epochs > 1) } })
  })

  graded('sgd.batchMean', "a batch's gradient is the mean over that batch (divide by its size, not by n)", () => {
    // When all n rows are the same example, every batch's mean gradient equals the full gradient, so
    // SGD must walk exactly like gradient descent, one step per batch: ⌈n / batchSize⌉ per epoch.
    // Batch sizes up to n + 2: a short last batch, and a batch size above n (one short batch), on purpose.
    const one = fc.record({ d: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 2, max: 30 }) }).chain(({ d, n }) =>
      fc.record({ row: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d, maxLength: d }), target: fc.double({ min: -5, max: 5, noNaN: true }), n: fc.constant(n), size: fc.oneof(fc.integer({ min: 1, max: n }), fc.constantFrom(n + 1, n + 2)) }),
    ).filter(({ row, target }) => Math.abs(row.reduce((s, v) => s + v, 1) - target) >= 0.5) // the start (1, …, 1) is not already a fit
    forAll({ input: one, c: fraction(1), epochs: fc.integer({ min: 1, max: 3 }), seed }, ({ input: { row, target, n, size }, c, epochs, seed }) => {
      const X = Array.from({ length: n }, () => row.slice())
      const y = X.map(() => target)
      const learningRate = c / maxRowNorm2(X)
      const start = { w: row.map(() => 1), b: 1 }
      const perEpoch = Math.ceil(n / size)
      const reference = referenceGD([row], [target], learningRate, epochs * perEpoch, start)
      const result = student.sgd(X, y, { learningRate, epochs, batchSize: size, rng: createRng(seed), start })
      expectClose(`sgd(${n} copies of one example, { batchSize: ${size}, epochs: ${epochs} })`, { w: result.w, b: result.b }, { w: reference.w, b: reference.b }, RUN_TOL)
    }, {
      regions: {
        'a short last batch': region(10, ({ input: { n, size } }) => size < n && n % size !== 0),
        'a batch size above n': region(10, ({ input: { n, size } }) => size > n),
        'batches of one': region(1, ({ input: { size } }) => size === 1),
      },
    })
  })

  graded('sgd.pairsKept', 'shuffling keeps each xᵢ with its own yᵢ: started at an exact fit, SGD stays there', () => {
    // Integer data with y = X·w* + b* exactly: at (w*, b*) every residual is exactly 0, so every batch
    // gradient is exactly 0. Shuffling X and y separately pairs rows with other rows' targets.
    const exactFit = fc.record({ d: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 3, max: 20 }) }).chain(({ d, n }) =>
      fc.record({
        X: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        w: fc.array(fc.integer({ min: -3, max: 3 }).filter((v) => v !== 0), { minLength: d, maxLength: d }),
        b: fc.integer({ min: -3, max: 3 }),
      }),
    ).map(({ X, w, b }) => labelled({ X, w, b, y: X.map((row) => row.reduce((s, v, j) => s + v * w[j]!, b)) }, `{ X: ${JSON.stringify(X)}, w*: ${JSON.stringify(w)}, b*: ${b} }`))
      .filter(({ y }) => new Set(y).size >= 3)
    forAll({ data: exactFit, c: fraction(1), size: fc.nat(), epochs: fc.integer({ min: 1, max: 3 }), seed }, ({ data: { X, y, w, b }, c, size, epochs, seed }) => {
      const batchSize = 1 + (size % X.length)
      const result = student.sgd(X, y, { learningRate: c / maxRowNorm2(X), epochs, batchSize, rng: createRng(seed), start: { w, b } })
      expectClose(`sgd(X, y, { batchSize: ${batchSize}, epochs: ${epochs}, start: (w*, b*) })`, { w: result.w, b: result.b }, { w, b }, { abs: 1e-12 })
    }, { regions: { 'batches of one': region(1, ({ data, size }) => size % data.X.length === 0), 'one feature': region(5, ({ data }) => data.X[0]!.length === 1) } })
  })

  graded('sgd.reproducible', 'the same rng seed gives the same run; the shuffling draws from rng', () => {
    forAll({ data: dataMulti.filter(({ X }) => X.length >= 10), c: fraction(1), epochs: fc.integer({ min: 1, max: 3 }), size: fc.nat(), seed }, ({ data: { X, y }, c, epochs, size, seed }) => {
      const batchSize = 1 + (size % (X.length - 1))
      const learningRate = c / maxRowNorm2(X)
      let draws = 0
      const counting = createRng(seed)
      const first = student.sgd(X, y, { learningRate, epochs, batchSize, rng: () => (draws++, counting()) })
      const second = student.sgd(X, y, { learningRate, epochs, batchSize, rng: createRng(seed) })
      expectTrue(draws > 0, 'sgd never called rng: where does its shuffling come from?', { expected: prose('at least one call of rng per epoch'), actual: prose('no call') })
      expectEqual(`sgd(X, y, { …, rng: createRng(${seed}) }) run twice`, second, first)
    }, { numRuns: 30, regions: { 'more than one epoch': region(5, ({ epochs }) => epochs > 1) } })
  })

  graded('sgd.lecture', "the lecture's mini-batch SGD: linear_regression2 / 100, batches of 50, from (−4, 4)", () => {
    const { X, y } = lecture2
    const opts = { learningRate: 0.1, epochs: 20, batchSize: 50, start: { w: [-4], b: 4 } }
    const result = student.sgd(X, y, { ...opts, rng: createRng(2024) })
    const reference = referenceSGD(X, y, opts.learningRate, opts.epochs, opts.batchSize, createRng(2024), opts.start)
    const fullBatch = referenceGD(X, y, opts.learningRate, opts.epochs, opts.start)
    recordPlot({
      kind: 'curves', title: 'Mini-batch SGD (batches of 50, 20 updates per epoch) against full gradient descent (1 update per epoch), η = 0.1', xLabel: 'epoch', yLabel: 'loss',
      series: [{ name: 'your sgd', values: numbers(result?.losses) }, { name: 'reference sgd', values: reference.losses }, { name: 'full-batch GD', values: fullBatch.losses }],
    })
    expectTrue(Array.isArray(result.losses) && result.losses.length === opts.epochs + 1, `sgd must return losses[0…epochs], ${opts.epochs + 1} numbers`, { expected: opts.epochs + 1, actual: result.losses?.length })
    expectClose('losses[0], the loss at the start', result.losses[0], mseOf(opts.start, X, y), { rel: 1e-12 })
    expectClose('losses[epochs], the loss on all the data at the returned (w, b)', result.losses.at(-1), mseOf(result, X, y), { rel: 1e-12 })
  })
})

describe('bad input and side effects', () => {
  graded('descent.badInput', 'bad data or options are refused with a RangeError or TypeError that says what is wrong', () => {
    const xs = [0, 1, 2]
    const ys = [1, 2, 3]
    const X = [[0], [1], [2]]
    const rng = createRng(1)
    expectThrows('mseGradient(1, 0, [1, 2], [1])', () => student.mseGradient(1, 0, [1, 2], [1]))
    expectThrows('mseGradient(1, 0, [], [])', () => student.mseGradient(1, 0, [], []))
    expectThrows('mseGradient(1, 0, [NaN], [1])', () => student.mseGradient(1, 0, [NaN], [1]))
    for (const learningRate of [0, -0.1, NaN, Infinity]) {
      expectThrows(`linearGD(xs, ys, { learningRate: ${learningRate}, steps: 1 })`, () => student.linearGD(xs, ys, { learningRate, steps: 1 }))
      expectThrows(`gdMultivariate(X, y, { learningRate: ${learningRate}, steps: 1 })`, () => student.gdMultivariate(X, ys, { learningRate, steps: 1 }))
      expectThrows(`sgd(X, y, { learningRate: ${learningRate}, … })`, () => student.sgd(X, ys, { learningRate, epochs: 1, batchSize: 1, rng }))
    }
    for (const count of [-1, 1.5, NaN]) {
      expectThrows(`linearGD(xs, ys, { learningRate: 0.1, steps: ${count} })`, () => student.linearGD(xs, ys, { learningRate: 0.1, steps: count }))
      expectThrows(`gdMultivariate(X, y, { learningRate: 0.1, steps: ${count} })`, () => student.gdMultivariate(X, ys, { learningRate: 0.1, steps: count }))
      expectThrows(`sgd(X, y, { epochs: ${count}, … })`, () => student.sgd(X, ys, { learningRate: 0.1, epochs: count, batchSize: 1, rng }))
      expectThrows(`polyFeatures([1, 2], ${count})`, () => student.polyFeatures([1, 2], count))
    }
    expectThrows('linearGD([0, 1], [1], …)', () => student.linearGD([0, 1], [1], { learningRate: 0.1, steps: 1 }))
    expectThrows('gdMultivariate([[0], [1, 2]], [1, 2], …): rows of different lengths', () => student.gdMultivariate([[0], [1, 2]], [1, 2], { learningRate: 0.1, steps: 1 }))
    expectThrows('gdMultivariate([[0], [1]], [1, 2, 3], …)', () => student.gdMultivariate([[0], [1]], [1, 2, 3], { learningRate: 0.1, steps: 1 }))
    expectThrows('gdMultivariate([], [], …)', () => student.gdMultivariate([], [], { learningRate: 0.1, steps: 1 }))
    expectThrows('gdMultivariate([[Infinity]], [1], …)', () => student.gdMultivariate([[Infinity]], [1], { learningRate: 0.1, steps: 1 }))
    expectThrows('gdMultivariate(X, y, { start: { w: [1, 2], b: 0 } }): start.w has the wrong length', () => student.gdMultivariate(X, ys, { learningRate: 0.1, steps: 1, start: { w: [1, 2], b: 0 } }))
    expectThrows('polyFeatures([1, 2], 0)', () => student.polyFeatures([1, 2], 0))
    for (const batchSize of [0, -2, 1.5, NaN]) {
      expectThrows(`batches(10, ${batchSize}, rng)`, () => student.batches(10, batchSize, rng))
      expectThrows(`sgd(X, y, { batchSize: ${batchSize}, … })`, () => student.sgd(X, ys, { learningRate: 0.1, epochs: 1, batchSize, rng }))
    }
    expectThrows('batches(-1, 2, rng)', () => student.batches(-1, 2, rng))
    expectThrows('batches(2.5, 2, rng)', () => student.batches(2.5, 2, rng))
  })

  graded('descent.badInputNamed', 'every non-finite number (ys, y, x, start too) and bad option is refused, with a message that names it', () => {
    const X = [[0], [1], [2]]
    const ys = [1, 2, 3]
    const rng = createRng(1)
    const cases: Array<[string, () => unknown, (message: string) => boolean, string]> = [
      ['mseGradient(NaN, 0, [1], [1])', () => student.mseGradient(NaN, 0, [1], [1]), namesWord('w'), 'w'],
      ['mseGradient(1, Infinity, [1], [1])', () => student.mseGradient(1, Infinity, [1], [1]), namesWord('b'), 'b'],
      ['mseGradient(1, 0, [1, NaN], [1, 2])', () => student.mseGradient(1, 0, [1, NaN], [1, 2]), namesAny(namesWord('xs'), namesWord('x'), namesWord('X')), 'xs'],
      ['mseGradient(1, 0, [1, 2], [1, NaN])', () => student.mseGradient(1, 0, [1, 2], [1, NaN]), namesAny(namesWord('ys'), namesWord('y')), 'ys'],
      ['linearGD(xs, ys, { learningRate: 0.1, steps: -1 })', () => student.linearGD([0, 1, 2], ys, { learningRate: 0.1, steps: -1 }), namesAny(/steps/), 'steps'],
      ['linearGD(xs, ys, { …, start: { w: NaN, b: 0 } })', () => student.linearGD([0, 1, 2], ys, { learningRate: 0.1, steps: 1, start: { w: NaN, b: 0 } }), namesAny(/start/, namesWord('w')), 'start.w'],
      ['linearGD(xs, ys, { …, start: { w: 0, b: NaN } })', () => student.linearGD([0, 1, 2], ys, { learningRate: 0.1, steps: 1, start: { w: 0, b: NaN } }), namesAny(/start/, namesWord('b')), 'start.b'],
      ['gdMultivariate([], [], …)', () => student.gdMultivariate([], [], { learningRate: 0.1, steps: 1 }), namesAny(/empty|no (data|rows|examples)|at least one|nothing/i), 'that there is no data'],
      ['gdMultivariate([[0], [Infinity]], [1, 2], …)', () => student.gdMultivariate([[0], [Infinity]], [1, 2], { learningRate: 0.1, steps: 1 }), namesWord('X'), 'X'],
      ['gdMultivariate([[0], [1]], [1, NaN], …)', () => student.gdMultivariate([[0], [1]], [1, NaN], { learningRate: 0.1, steps: 1 }), namesWord('y'), 'y'],
      ['gdMultivariate(X, y, { learningRate: 0.1, steps: 2.5 })', () => student.gdMultivariate(X, ys, { learningRate: 0.1, steps: 2.5 }), namesAny(/steps/), 'steps'],
      ['gdMultivariate(X, y, { …, start: { w: [NaN], b: 0 } })', () => student.gdMultivariate(X, ys, { learningRate: 0.1, steps: 1, start: { w: [NaN], b: 0 } }), namesAny(/start/), 'start.w'],
      ['gdMultivariate(X, y, { …, start: { w: [0], b: Infinity } })', () => student.gdMultivariate(X, ys, { learningRate: 0.1, steps: 1, start: { w: [0], b: Infinity } }), namesAny(/start/, namesWord('b')), 'start.b'],
      ['polyFeatures([1, NaN], 2)', () => student.polyFeatures([1, NaN], 2), namesWord('x'), 'x'],
      ['polyFeatures([1, 2], 0)', () => student.polyFeatures([1, 2], 0), namesAny(/degree/), 'degree'],
      ['batches(-1, 2, rng)', () => student.batches(-1, 2, rng), namesWord('n'), 'n'],
      ['batches(10, 0, rng)', () => student.batches(10, 0, rng), namesAny(/batchSize|batch size/i), 'batchSize'],
      ['sgd(X, y, { epochs: -1, … })', () => student.sgd(X, ys, { learningRate: 0.1, epochs: -1, batchSize: 1, rng }), namesAny(/epochs/), 'epochs'],
      ['sgd(X, y, { batchSize: 0, … })', () => student.sgd(X, ys, { learningRate: 0.1, epochs: 1, batchSize: 0, rng }), namesAny(/batchSize|batch size/i), 'batchSize'],
    ]
    for (const [what, call, names, wanted] of cases) expectThrowsNaming(what, call, names, wanted)
  })

  graded('descent.argumentsUnchanged', 'no function changes the data, the start or the options it is given', () => {
    const { xs, ys } = lecture1
    const X = lecture10d.X.slice(0, 12)
    const y = lecture10d.y.slice(0, 12)
    expectArgumentsUnchanged('mseGradient', [xs, ys], (a, b) => student.mseGradient(1, 0, a as number[], b as number[]))
    expectArgumentsUnchanged('linearGD', [xs, ys, { learningRate: 0.5, steps: 3, start: { w: -4, b: 4 } }], (a, b, o) => student.linearGD(a as number[], b as number[], o as student.LinearGDOptions))
    expectArgumentsUnchanged('gdMultivariate', [X, y, { learningRate: 0.1, steps: 3, start: { w: X[0]!.map(() => 1), b: 1 } }], (a, b, o) => student.gdMultivariate(a as number[][], b as number[], o as student.GDOptions))
    expectArgumentsUnchanged('polyFeatures', [[0.5, 1, 2]], (a) => student.polyFeatures(a as number[], 3))
    expectArgumentsUnchanged('sgd', [X, y, { w: X[0]!.map(() => 1), b: 1 }], (a, b, start) =>
      student.sgd(a as number[][], b as number[], { learningRate: 0.05, epochs: 2, batchSize: 5, rng: createRng(3), start: start as student.Linear }))
  })
})
