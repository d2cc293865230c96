import { describe } from 'vitest'
import fc from 'fast-check'
import {
  Mismatch, expectArgumentsUnchanged, expectClose, expectEqual, expectThrows, expectThrowsNaming, expectTrue, namesWord, forAll, prose, recordBackend, recordPlot, region, regionsOn, topic,
  withoutRegions, type Regions,
} from '../../grader/harness'
import * as student from '@target/06-classification/classification'
import * as tf from '../../reference/public/tf'
import { loadDataset, split } from '../../reference/data/datasets'
import {
  type SharedModelRef, accuracyBounds, argmax, binaryCrossEntropyRef, categoricalCrossEntropyRef, closedForm, dot, fitGaussianRef,
  fitSharedCovarianceRef, labelledDataArb, logSigmoidRef, logSumExpRef, logisticGradientRef, logisticLossRef, mahalanobis2, matrixArb,
  modelAndPoint, predictRef, probabilityGrid, sigmoidRef, softmaxAccuracyBounds, softmaxGradientRef, softmaxLogitsRef, softmaxLossRef,
  softmaxRef, swapClasses, trainLogisticRef,
} from '../../reference/oracles/classification'

const { graded } = topic(import.meta.url)

// ---- tolerances ----

/**
 * TensorFlow.js computes in float32 (about 7 digits). Rounding z to float32 moves it by up to
 * 6e-8·|z|, which moves σ(z) by a relative (1 − σ)·6e-8·|z| ≤ 2e-6 for |z| ≤ 30.
 */
const TF_SIGMOID = { rel: 5e-6, abs: 0 }
/** Probabilities from float32 exponentials of |z| ≤ 20 (inputs rounded by up to 1.2e-6). */
const TF_PROBABILITY = { rel: 1e-5, abs: 1e-12 }
/** Losses and log-probabilities up to about 40 in float32: absolute error of a few 1e-6. */
const TF_LOSS = { rel: 1e-5, abs: 2e-5 }
/**
 * Gradients: float32 rounds z = w·x + b (|z| ≤ 62) by up to about 1e-5, which moves σ(z) by
 * 0.25·1e-5; times |x| ≤ 10 that is 2.5e-5 per term, plus about 2e-5 from summing 30 float32 terms.
 */
const TF_GRADIENT = { rel: 1e-4, abs: 1e-4 }
/** float64 against a float64 reference: a different summation order changes the last digits only. */
const F64 = { rel: 1e-9, abs: 1e-12 }
/** Clipping p to [ε, 1 − ε] with ε ≤ 1e-6 costs at most −ln(1 − 1e-6) ≈ 1e-6 where the exact loss is 0. */
const CLIP_SLACK = 2e-6
/** −ln(1e-6): the least a clipped cross-entropy may say when the true class got probability 0. */
const LARGE_LOSS = -Math.log(1e-6) - 1e-9

const tfScalar = (f: () => tf.Tensor) => tf.tidy(() => f().dataSync()[0]!)
const tfVector = (f: () => tf.Tensor) => tf.tidy(() => Array.from(f().dataSync()))

/** Logits in [−20, 20]: any, spread over more than 20 on purpose, or a single class on purpose. */
const logits = fc.oneof(
  fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 10 }),
  fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 1 }),
  fc.tuple(fc.double({ min: 10, max: 20, noNaN: true }), fc.double({ min: -20, max: -10, noNaN: true }), fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { maxLength: 8 })).map(([hi, lo, rest]) => [...rest, hi, lo]),
)
const dimension = fc.integer({ min: 1, max: 3 })
const param = fc.double({ min: -2, max: 2, noNaN: true })
const vectorOf = (arb: fc.Arbitrary<number>, d: number) => fc.array(arb, { minLength: d, maxLength: d })

// ---- named input regions (see grader/core/regions.ts) ----

const between = (min: number, max: number) => fc.double({ min, max, noNaN: true })
/**
 * A score in [lo, hi], drawn from each of the ranges where σ or e^z is computed differently, on
 * purpose: e^−z overflows below −709, σ is below 1e-16 below −37, 1 − σ rounds to 0 above 37,
 * e^z overflows above 709.
 */
const score = (lo: number, hi: number) => {
  const cuts = [lo, ...[-709, -37, 37, 709].filter((c) => c > lo && c < hi), hi]
  return fc.oneof(...cuts.slice(1).map((c, i) => between(cuts[i]!, c)))
}
const scoreRegions: Regions<number> = {
  'z < −709 (e^−z overflows)': region(5, (z) => z < -709),
  '−709 ≤ z < −37 (σ below 1e-16)': region(5, (z) => z >= -709 && z < -37),
  '|z| ≤ 37': region(5, (z) => Math.abs(z) <= 37),
  'z > 37 (σ rounds to 1)': region(5, (z) => z > 37),
}
/** Logit vectors in [−1000, 1000]: any, one class, all below −745 (every e^z underflows), or spread over more than 1420 (e^(z − mean) overflows). */
const wideLogits = fc.oneof(
  fc.array(between(-1000, 1000), { minLength: 1, maxLength: 10 }),
  fc.array(between(-1000, 1000), { minLength: 1, maxLength: 1 }), // one class, on purpose
  fc.array(between(-1000, -746), { minLength: 1, maxLength: 10 }),
  fc.tuple(between(710, 1000), between(-1000, -720), fc.array(between(-1000, 1000), { maxLength: 8 })).map(([hi, lo, rest]) => [hi, ...rest, lo]),
)
const wideRegions: Regions<number[]> = {
  'every zᵢ below −745': region(10, (z) => z.every((v) => v < -745)),
  'a spread above 1420': region(10, (z) => Math.max(...z) - Math.min(...z) > 1420),
  'a zᵢ above 709': region(10, (z) => z.some((v) => v > 709)),
  'one class': region(2, (z) => z.length === 1),
}
const logitRegions: Regions<number[]> = {
  'one class': region(2, (z) => z.length === 1),
  'five classes or more': region(10, (z) => z.length >= 5),
  'a spread above 20': region(10, (z) => Math.max(...z) - Math.min(...z) > 20),
}

// ---- sigmoid ----

describe('sigmoid(z)', () => {
  graded('sigmoid.tf', 'agrees with tf.sigmoid for z from −30 to 30', () => {
    recordBackend(tf.getBackend())
    forAll({ z: fc.oneof(fc.double({ min: -30, max: -10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 10, max: 30, noNaN: true })) }, ({ z }) =>
      expectClose(`sigmoid(${z})`, student.sigmoid(z), tfScalar(() => tf.sigmoid(tf.scalar(z))), TF_SIGMOID),
    { regions: { 'z < −10': region(10, ({ z }) => z < -10), 'z > 10': region(10, ({ z }) => z > 10), '|z| < 1': region(3, ({ z }) => Math.abs(z) < 1) } })
  })
  graded('sigmoid.accurate', 'is accurate to 1e-12 (relative) for z from −730 to 1000, including the tiny values of the far negative tail', () => {
    // Below z ≈ −709, e^−z overflows: 1/(1 + e^−z) = 1/Infinity = 0, although σ(−720) ≈ 2e-313 is a
    // (subnormal) double. The absolute slack 1e-320 covers the coarse spacing of subnormals (5e-324).
    forAll({ z: score(-730, 1000) }, ({ z }) =>
      expectClose(`sigmoid(${z})`, student.sigmoid(z), sigmoidRef(z), { rel: 1e-12, abs: 1e-320 }),
    { examples: [{ z: -720 }, { z: -710 }, { z: -40 }, { z: 0 }, { z: 40 }, { z: 1000 }], regions: regionsOn('z', scoreRegions) })
  })
  graded('sigmoid.symmetry', 'σ(−z) = 1 − σ(z) for z from −1000 to 1000', () => {
    // Both sides are within a few 1e-16 of each other when σ is computed to a few ulps.
    forAll({ z: score(-1000, 1000) }, ({ z }) =>
      expectClose(`sigmoid(${-z}) against 1 − sigmoid(${z})`, student.sigmoid(-z), 1 - student.sigmoid(z), { abs: 1e-15, rel: 0 }),
    { examples: [{ z: 1000 }, { z: 750 }, { z: 36.5 }], regions: regionsOn('z', scoreRegions) })
  })
  graded('sigmoid.range', 'is finite, between 0 and 1, increasing, and σ(0) = 0.5, for z from −1000 to 1000', () => {
    expectClose('sigmoid(0)', student.sigmoid(0), 0.5, { abs: 0, rel: 0 })
    forAll({ zs: fc.array(score(-1000, 1000), { minLength: 2, maxLength: 20 }) }, ({ zs }) => {
      const sorted = zs.slice().sort((a, b) => a - b)
      const values = sorted.map((z) => student.sigmoid(z))
      values.forEach((s, i) =>
        expectTrue(Number.isFinite(s) && s >= 0 && s <= 1, `sigmoid(${sorted[i]}) = ${s} is not a probability`, { expected: prose('a number in [0, 1]'), actual: s }),
      )
      for (let i = 1; i < values.length; i++) {
        expectTrue(values[i]! >= values[i - 1]!, `sigmoid decreases between z = ${sorted[i - 1]} and z = ${sorted[i]}`, { expected: prose(`≥ ${values[i - 1]}`), actual: values[i] })
      }
    }, {
      examples: [{ zs: [-1000, -745, 710, 1000] }],
      regions: { 'a z below −709': region(20, ({ zs }) => zs.some((z) => z < -709)), 'two zs in the far tail': region(10, ({ zs }) => zs.filter((z) => z < -37).length >= 2) },
    })
  })
})

// ---- softmax and logSoftmax ----

describe('softmax(z) and logSoftmax(z)', () => {
  graded('softmax.tf', 'agrees with tf.softmax', () => {
    recordBackend(tf.getBackend())
    forAll({ z: logits }, ({ z }) => expectClose(`softmax(${JSON.stringify(z)})`, student.softmax(z), tfVector(() => tf.softmax(tf.tensor1d(z))), TF_PROBABILITY), { regions: regionsOn('z', logitRegions) })
  })
  graded('softmax.sumsToOne', 'gives non-negative numbers that sum to 1, for z anywhere in [−1000, 1000]', () => {
    forAll({ z: wideLogits }, ({ z }) => {
      const p = student.softmax(z)
      expectTrue(Array.isArray(p) && p.length === z.length && p.every((v) => v >= 0), `softmax(${JSON.stringify(z)}) must give ${z.length} non-negative numbers`, { expected: prose(`${z.length} numbers ≥ 0`), actual: p })
      // Each pᵢ may carry a relative error of a few ulps of |zᵢ| (e.g. from e^(zᵢ − logsumexp(z)),
      // where zᵢ − logsumexp rounds by up to 1.1e-16·|z| ≤ 1.1e-13): 1e-12 over at most 10 terms.
      expectClose(`the sum of softmax(${JSON.stringify(z)})`, p.reduce((s, v) => s + v, 0), 1, { abs: 1e-12, rel: 0 })
    }, { regions: regionsOn('z', wideRegions) })
  })
  graded('softmax.shiftInvariant', 'softmax(z + c) = softmax(z) for any constant c up to ±1000', () => {
    // z + c rounds by up to 1.1e-13 when |z + c| ≈ 1000, which changes e^(z − max) by a relative 2e-13.
    forAll({ z: logits, c: fc.oneof(between(-1000, -700), between(-700, 700), between(700, 1000)) }, ({ z, c }) =>
      expectClose(`softmax(z + ${c}) against softmax(z)`, student.softmax(z.map((v) => v + c)), softmaxRef(z), { rel: 1e-9, abs: 1e-15 }),
    { examples: [{ z: [1, 2, 3], c: 1000 }, { z: [1, 2, 3], c: -1000 }], regions: { 'c > 700': region(10, ({ c }) => c > 700), 'c < −700': region(10, ({ c }) => c < -700), ...regionsOn('z', withoutRegions(logitRegions, 'one class')) } })
  })
  graded('softmax.extreme', 'no NaN for large or very negative inputs: softmax([1000, 0]) = [1, 0], softmax([−1000, −1000]) = [0.5, 0.5]', () => {
    const cases: [number[], number[]][] = [
      [[1000, 0], [1, 0]],
      [[0, 1000], [0, 1]],
      [[-1000, -1000], [0.5, 0.5]],
      [[-1000, -1001, -1002], softmaxRef([0, -1, -2])],
      [[-5000, -5000, -5000, -5000], [0.25, 0.25, 0.25, 0.25]],
      [[800, 799], softmaxRef([1, 0])],
    ]
    // Scores of size 5000 round by up to 5e-13 when shifted, which is the relative error of e^(shifted).
    for (const [z, expected] of cases) expectClose(`softmax(${JSON.stringify(z)})`, student.softmax(z), expected, { rel: 1e-10, abs: 1e-300 })
  })
  graded('softmax.twoClasses', 'with two classes softmax is the sigmoid: softmax([a, b])[1] = σ(b − a)', () => {
    // Any pair, or one far apart on purpose (|b − a| ≥ 40, where σ(b − a) is within 1e-17 of 0 or 1).
    const pair = fc.oneof(fc.tuple(between(-50, 50), between(-50, 50)), fc.tuple(between(-50, -10), between(30, 50)), fc.tuple(between(30, 50), between(-50, -10)))
    forAll({ ab: pair }, ({ ab: [a, b] }) =>
      // b − a rounds by up to 1e-14, moving σ by a relative 1e-14 at most.
      expectClose(`softmax([${a}, ${b}])[1]`, student.softmax([a, b])[1], sigmoidRef(b - a), { rel: 1e-12, abs: 1e-300 }),
    { regions: { 'b − a < −37 (σ below 1e-16)': region(3, ({ ab: [a, b] }) => b - a < -37), 'b − a > 37': region(3, ({ ab: [a, b] }) => b - a > 37) } })
  })
  graded('logSoftmax.tf', 'logSoftmax agrees with tf.logSoftmax', () => {
    recordBackend(tf.getBackend())
    forAll({ z: logits }, ({ z }) => expectClose(`logSoftmax(${JSON.stringify(z)})`, student.logSoftmax(z), tfVector(() => tf.logSoftmax(tf.tensor1d(z))), TF_LOSS), { regions: regionsOn('z', logitRegions) })
  })
  graded('logSoftmax.identity', 'logSoftmax(z)ᵢ = zᵢ − ln Σⱼ e^zⱼ, for z anywhere in [−1000, 1000]', () => {
    // Terms of size up to 2000, each rounded to about 2e-13: an absolute 1e-9 is ample.
    forAll({ z: wideLogits }, ({ z }) => {
      const lse = logSumExpRef(z)
      expectClose(`logSoftmax(${JSON.stringify(z)})`, student.logSoftmax(z), z.map((v) => v - lse), { abs: 1e-9, rel: 1e-12 })
    }, { regions: regionsOn('z', wideRegions) })
  })
  graded('logSoftmax.extreme', 'stays finite where softmax underflows: logSoftmax([1000, 0]) = [0, −1000]', () => {
    const cases: [number[], number[]][] = [
      [[1000, 0], [0, -1000]],
      [[0, -1000, -2000], [0, -1000, -2000]],
      [[-1000, -1000], [-Math.LN2, -Math.LN2]],
      [[-3000, 0], [-3000, 0]],
    ]
    for (const [z, expected] of cases) expectClose(`logSoftmax(${JSON.stringify(z)})`, student.logSoftmax(z), expected, { abs: 1e-9, rel: 1e-12 })
  })
})

// ---- cross-entropy ----

/** A label: 0 or 1, any probability, or a clearly soft one (0.01 to 0.99) on purpose. */
const label = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 99 }).map((k) => k / 100))
/** p away from 0 and 1 by more than any allowed clipping ε (≤ 1e-6); near each end on purpose. */
const inside = fc.oneof(between(2e-6, 1e-3), between(2e-6, 1 - 2e-6), between(1 - 1e-3, 1 - 2e-6))
const labelRegions: Regions<number> = {
  'y = 0 or 1': region(20, (y) => y === 0 || y === 1),
  'a clearly soft label, 0.01 ≤ y ≤ 0.99 (not 0.5)': region(15, (y) => y >= 0.01 && y <= 0.99 && y !== 0.5),
}
const insideRegions: Regions<number> = {
  'p < 1e-3': region(15, (p) => p < 1e-3),
  'p > 1 − 1e-3': region(15, (p) => p > 1 - 1e-3),
}

describe('cross-entropy (交叉熵)', () => {
  graded('binaryCrossEntropy.tf', 'agrees with tf.losses.sigmoidCrossEntropy: H(σ(z), y) is the loss of the logit z', () => {
    recordBackend(tf.getBackend())
    // |z| ≤ 12 keeps σ(z) within [6e-6, 1 − 6e-6], untouched by clipping.
    // Any z, or one with |z| > 8 on purpose (σ(z) within 3.4e-4 of 0 or 1, where a careless log loses digits).
    forAll({ z: fc.oneof(between(-12, 12), between(8, 12), between(-12, -8)), y: label }, ({ z, y }) => {
      const expected = tfScalar(() => tf.losses.sigmoidCrossEntropy(tf.tensor1d([y]), tf.tensor1d([z]), undefined, 0, tf.Reduction.NONE))
      expectClose(`binaryCrossEntropy(${sigmoidRef(z)}, ${y})`, student.binaryCrossEntropy(sigmoidRef(z), y), expected, TF_LOSS)
    }, { regions: { ...regionsOn('y', labelRegions), '|z| > 8': region(5, ({ z }) => Math.abs(z) > 8) } })
  })
  graded('binaryCrossEntropy.formula', 'equals −[y ln p + (1 − y) ln(1 − p)] (natural logarithms)', () => {
    forAll({ p: inside, y: label }, ({ p, y }) =>
      expectClose(`binaryCrossEntropy(${p}, ${y})`, student.binaryCrossEntropy(p, y), binaryCrossEntropyRef(p, y), { rel: 1e-12, abs: 1e-12 }),
    { regions: { ...regionsOn('y', labelRegions), ...regionsOn('p', insideRegions) } })
  })
  graded('binaryCrossEntropy.laws', 'is never negative, and for a given y it is smallest at p = y', () => {
    forAll({ p: inside, y: inside }, ({ p, y }) => {
      const h = student.binaryCrossEntropy(p, y)
      expectTrue(h >= 0, `binaryCrossEntropy(${p}, ${y}) = ${h} is negative`, { expected: prose('≥ 0'), actual: h })
      const best = student.binaryCrossEntropy(y, y)
      expectTrue(h >= best - 1e-12, `binaryCrossEntropy(${p}, ${y}) = ${h} is below binaryCrossEntropy(${y}, ${y}) = ${best}`, { expected: prose(`≥ ${best}`), actual: h })
    }, { regions: { ...regionsOn('p', insideRegions), 'y on the other side of 0.5 from p': region(20, ({ p, y }) => (p - 0.5) * (y - 0.5) < 0) } })
  })
  graded('binaryCrossEntropy.edges', 'p = 0 or 1: 0 when right, a large finite number when wrong, never NaN', () => {
    expectClose('binaryCrossEntropy(1, 1)', student.binaryCrossEntropy(1, 1), 0, { abs: CLIP_SLACK, rel: 0 })
    expectClose('binaryCrossEntropy(0, 0)', student.binaryCrossEntropy(0, 0), 0, { abs: CLIP_SLACK, rel: 0 })
    for (const [p, y] of [[0, 1], [1, 0]] as const) {
      const h = student.binaryCrossEntropy(p, y)
      expectTrue(Number.isFinite(h) && h >= LARGE_LOSS, `binaryCrossEntropy(${p}, ${y}) = ${h}: a sure prediction that is wrong costs a large but finite loss`, { expected: prose(`a finite number ≥ −ln(1e-6) ≈ 13.8`), actual: h })
    }
    const h = student.binaryCrossEntropy(0, 0.3)
    expectTrue(Number.isFinite(h) && h >= 0.3 * LARGE_LOSS, `binaryCrossEntropy(0, 0.3) = ${h}`, { expected: prose('a finite number ≥ 0.3 · 13.8'), actual: h })
  })
  const distribution = fc.integer({ min: 2, max: 8 }).chain((k) =>
    fc.record({
      z: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }),
      y: fc.oneof(
        fc.integer({ min: 0, max: k - 1 }).map((c) => Array.from({ length: k }, (_, i) => (i === c ? 1 : 0))),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: k, maxLength: k }).map((v) => v.map((x) => x / v.reduce((s, u) => s + u, 0))),
      ),
    }),
  )
  graded('categoricalCrossEntropy.tf', 'agrees with tf.losses.softmaxCrossEntropy: H(softmax(z), y) is the loss of the logits z', () => {
    recordBackend(tf.getBackend())
    // |zᵢ| ≤ 5 with k ≤ 8 keeps every pᵢ between 5e-6 and 1 − 4e-5, untouched by clipping.
    forAll({ input: distribution }, ({ input: { z, y } }) => {
      const expected = tfScalar(() => tf.losses.softmaxCrossEntropy(tf.tensor2d([y]), tf.tensor2d([z]), undefined, 0, tf.Reduction.NONE))
      const p = softmaxRef(z)
      expectClose(`categoricalCrossEntropy(${JSON.stringify(p)}, ${JSON.stringify(y)})`, student.categoricalCrossEntropy(p, y), expected, TF_LOSS)
      expectClose(`categoricalCrossEntropy(${JSON.stringify(p)}, ${JSON.stringify(y)})`, student.categoricalCrossEntropy(p, y), categoricalCrossEntropyRef(p, y), { rel: 1e-12, abs: 1e-12 })
    }, {
      regions: {
        'one-hot y': region(20, ({ input: { y } }) => y.every((v) => v === 0 || v === 1)),
        'a soft y': region(20, ({ input: { y } }) => y.some((v) => v > 0 && v < 1)),
        'two classes': region(5, ({ input: { z } }) => z.length === 2),
        'six classes or more': region(10, ({ input: { z } }) => z.length >= 6),
      },
    })
  })
  graded('categoricalCrossEntropy.lecture', "the lecture's example: output [0.01, 0.23, 0.76], answer [0, 0, 1] gives −ln 0.76 ≈ 0.2744", () => {
    expectClose('categoricalCrossEntropy([0.01, 0.23, 0.76], [0, 0, 1])', student.categoricalCrossEntropy([0.01, 0.23, 0.76], [0, 0, 1]), -Math.log(0.76), { abs: 1e-12, rel: 1e-12 })
  })
  graded('categoricalCrossEntropy.edges', 'finite where some pₖ is 0 or 1: a class with yₖ = 0 adds nothing, a sure wrong answer costs a large finite loss', () => {
    expectClose('categoricalCrossEntropy([0, 1, 0], [0, 1, 0])', student.categoricalCrossEntropy([0, 1, 0], [0, 1, 0]), 0, { abs: CLIP_SLACK, rel: 0 })
    expectClose('categoricalCrossEntropy([0, 0.25, 0.75], [0, 0, 1])', student.categoricalCrossEntropy([0, 0.25, 0.75], [0, 0, 1]), -Math.log(0.75), { abs: CLIP_SLACK, rel: 0 })
    expectClose('categoricalCrossEntropy([0, 0.5, 0.5], [0, 0.5, 0.5])', student.categoricalCrossEntropy([0, 0.5, 0.5], [0, 0.5, 0.5]), Math.LN2, { abs: CLIP_SLACK, rel: 0 })
    const h = student.categoricalCrossEntropy([1, 0], [0, 1])
    expectTrue(Number.isFinite(h) && h >= LARGE_LOSS, `categoricalCrossEntropy([1, 0], [0, 1]) = ${h}`, { expected: prose('a finite number ≥ −ln(1e-6) ≈ 13.8'), actual: h })
  })
})

describe('bad input to sigmoid, softmax and the cross-entropies', () => {
  graded('activations.badInput', 'NaN, empty vectors, mismatched lengths and probabilities outside [0, 1] are refused', () => {
    expectThrows('sigmoid(NaN)', () => student.sigmoid(NaN))
    expectThrows('softmax([])', () => student.softmax([]))
    expectThrows('softmax([1, NaN])', () => student.softmax([1, NaN]))
    expectThrows('logSoftmax([])', () => student.logSoftmax([]))
    expectThrows('logSoftmax([0, NaN])', () => student.logSoftmax([0, NaN]))
    expectThrows('binaryCrossEntropy(1.5, 1)', () => student.binaryCrossEntropy(1.5, 1))
    expectThrows('binaryCrossEntropy(0.5, -1)', () => student.binaryCrossEntropy(0.5, -1))
    expectThrows('binaryCrossEntropy(NaN, 1)', () => student.binaryCrossEntropy(NaN, 1))
    expectThrows('categoricalCrossEntropy([0.5, 0.5], [1])', () => student.categoricalCrossEntropy([0.5, 0.5], [1]))
    expectThrows('categoricalCrossEntropy([0.5, 0.5], [0, 0, 1])', () => student.categoricalCrossEntropy([0.5, 0.5], [0, 0, 1]))
    expectThrows('categoricalCrossEntropy([], [])', () => student.categoricalCrossEntropy([], []))
    expectThrows('categoricalCrossEntropy([-0.5, 1.5], [0, 1])', () => student.categoricalCrossEntropy([-0.5, 1.5], [0, 1]))
  })
})

// ---- logistic regression ----

/** Weights in [−2, 2], sizes of 1 to 2 drawn on purpose (so that σ gets near 0 and 1 on the data). */
const weight = fc.oneof(param, fc.double({ min: 1, max: 2, noNaN: true }), fc.double({ min: -2, max: -1, noNaN: true }))
const logisticCase = dimension.chain((d) => fc.record({ w: vectorOf(weight, d), b: param, data: labelledDataArb(d) }))
type LogisticCase = { w: number[]; b: number; data: { X: number[][]; y: number[] } }
const logisticRegions: Regions<{ input: LogisticCase }> = {
  'one feature': region(10, ({ input }) => input.w.length === 1),
  'three features': region(10, ({ input }) => input.w.length === 3),
  'a row with |w·x + b| > 2': region(10, ({ input: { w, b, data } }) => data.X.some((x) => Math.abs(dot(w, x) + b) > 2)),
  'unequal classes': region(20, ({ input: { data } }) => 2 * data.y.filter((c) => c === 1).length !== data.y.length),
}

/** Small data in [−1, 1]ᵈ and few short steps, so |w·x + b| stays below 13.6 and clipping never matters. */
const trainingCase = dimension.chain((d) =>
  fc.record({
    w0: vectorOf(fc.double({ min: -1, max: 1, noNaN: true }), d),
    b0: fc.double({ min: -1, max: 1, noNaN: true }),
    learningRate: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
    epochs: fc.integer({ min: 0, max: 8 }),
    rows: fc.array(fc.tuple(vectorOf(fc.double({ min: -1, max: 1, noNaN: true }), d), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 20 }),
  }).map(({ rows, ...rest }) => ({ ...rest, X: rows.map(([x]) => x), y: rows.map(([, c]) => c) })),
)

function expectAccuracyWithin(what: string, actual: unknown, [lo, hi]: [number, number]): void {
  expectTrue(typeof actual === 'number' && actual >= lo - 1e-12 && actual <= hi + 1e-12, `${what} is wrong`, {
    expected: lo === hi ? lo : prose(`between ${lo} and ${hi} (some points lie on the boundary)`),
    actual,
  })
}

const LR1_EXTENT: [number, number, number, number] = [-10, 10, -10, 10]
const grid = (p: (x: number, y: number) => number) => probabilityGrid(LR1_EXTENT, 36, (x, y) => Math.round(1000 * p(x, y)) / 1000)

describe('logistic regression', () => {
  graded('logisticGradient.formula', 'equals mean((σ(w·x + b) − y)·x) for w and mean(σ(w·x + b) − y) for b', () => {
    forAll({ input: logisticCase }, ({ input: { w, b, data } }) =>
      expectClose('logisticGradient(w, b, X, y)', student.logisticGradient(w, b, data.X, data.y), logisticGradientRef(w, b, data.X, data.y), F64),
    { regions: logisticRegions })
  })
  graded('logisticGradient.tf', 'agrees with tf.grads of the mean tf.losses.sigmoidCrossEntropy', () => {
    recordBackend(tf.getBackend())
    forAll({ input: logisticCase }, ({ input: { w, b, data } }) => {
      const [dw, db] = tf.tidy(() => {
        const X = tf.tensor2d(data.X)
        const y = tf.tensor1d(data.y)
        const loss = (wt: tf.Tensor, bt: tf.Tensor) =>
          tf.losses.sigmoidCrossEntropy(y, tf.add(tf.matMul(X, wt.reshape([w.length, 1])).reshape([data.X.length]), bt), undefined, 0, tf.Reduction.MEAN)
        const [gw, gb] = tf.grads(loss)([tf.tensor1d(w), tf.scalar(b)])
        return [Array.from(gw!.dataSync()), gb!.dataSync()[0]!]
      }) as [number[], number]
      expectClose('logisticGradient(w, b, X, y)', student.logisticGradient(w, b, data.X, data.y), { dw, db }, TF_GRADIENT)
    }, { regions: logisticRegions })
  })
  graded('predict.rule', 'predict gives 1 when σ(w·x + b) ≥ 0.5 and 0 otherwise', () => {
    forAll({ input: dimension.chain((d) => fc.record({ w: vectorOf(param, d), b: param, x: vectorOf(fc.double({ min: -10, max: 10, noNaN: true }), d) })) }, ({ input: { w, b, x } }) => {
      fc.pre(Math.abs(dot(w, x) + b) > 1e-9)
      expectClose(`predict(${JSON.stringify(w)}, ${b}, ${JSON.stringify(x)})`, student.predict(w, b, x), predictRef(w, b, x), { abs: 0, rel: 0 })
    }, {
      regions: {
        'w·x + b < 0': region(25, ({ input: { w, b, x } }) => dot(w, x) + b < 0),
        'w·x + b > 0': region(25, ({ input: { w, b, x } }) => dot(w, x) + b > 0),
        'near the boundary: |w·x + b| < 0.5': region(3, ({ input: { w, b, x } }) => Math.abs(dot(w, x) + b) < 0.5),
      },
    })
  })
  graded('predict.boundary', 'exactly on the boundary, w·x + b = 0 (σ = 0.5), predict gives 1: the lecture\'s rule is ≥', () => {
    // These products and sums are exact in float64, so w·x + b is exactly 0 for every correct way of computing it.
    const cases: Array<[number[], number, number[]]> = [[[1], 0, [0]], [[2, -1], 0, [1, 2]], [[0.5, 0.25], -1, [1, 2]], [[3], 1.5, [-0.5]]]
    for (const [w, b, x] of cases) expectEqual(`predict(${JSON.stringify(w)}, ${b}, ${JSON.stringify(x)})`, student.predict(w, b, x), 1)
  })
  graded('accuracy.share', 'accuracy is the share of rows whose prediction equals the label', () => {
    forAll({ input: logisticCase }, ({ input: { w, b, data } }) =>
      expectAccuracyWithin('accuracy(w, b, X, y)', student.accuracy(w, b, data.X, data.y), accuracyBounds(w, b, data.X, data.y)),
    { regions: { ...withoutRegions(logisticRegions, 'a row with |w·x + b| > 2'), 'four rows (the fewest)': region(1, ({ input }) => input.data.X.length === 4) }, examples: [{ input: { w: [1], b: 0, data: { X: [[1], [2], [-1], [0.5]], y: [1, 0, 1, 0] } } }] })
  })
  graded('trainLogistic.steps', 'each step is w ← w − η·∂L/∂w, b ← b − η·∂L/∂b from the same point, and history records every state', () => {
    forAll({ c: trainingCase }, ({ c }) => {
      const result = student.trainLogistic(c.X, c.y, { learningRate: c.learningRate, epochs: c.epochs, w0: c.w0, b0: c.b0 })
      const h = result.history
      expectTrue(Array.isArray(h) && h.length === c.epochs + 1, `history must have epochs + 1 = ${c.epochs + 1} entries (the start, then one per step)`, { expected: c.epochs + 1, actual: Array.isArray(h) ? h.length : h })
      expectClose('history[0] (the starting point)', { w: h[0]!.w, b: h[0]!.b }, { w: c.w0, b: c.b0 }, { abs: 0, rel: 0 })
      h.forEach((entry, t) => {
        // Losses of |z| ≤ 13.6 from probabilities: 1 − p loses up to 1e-10 (relative) near p = 1.
        expectClose(`history[${t}].loss`, entry.loss, logisticLossRef(entry.w, entry.b, c.X, c.y), { rel: 1e-8, abs: 1e-8 })
        expectAccuracyWithin(`history[${t}].accuracy`, entry.accuracy, accuracyBounds(entry.w, entry.b, c.X, c.y))
        if (t === 0) return
        const prev = h[t - 1]!
        const g = logisticGradientRef(prev.w, prev.b, c.X, c.y)
        const expected = { w: prev.w.map((v, j) => v - c.learningRate * g.dw[j]!), b: prev.b - c.learningRate * g.db }
        expectClose(`step ${t}: (w, b) from history[${t - 1}]`, { w: entry.w, b: entry.b }, expected, F64)
      })
      expectClose('the result { w, b } (the last state in history)', { w: result.w, b: result.b }, { w: h.at(-1)!.w, b: h.at(-1)!.b }, { abs: 0, rel: 0 })
    }, {
      regions: {
        'epochs = 0 (the start only)': region(3, ({ c }) => c.epochs === 0),
        'one row': region(1, ({ c }) => c.X.length === 1),
        'one class only': region(10, ({ c }) => new Set(c.y).size === 1),
        'three features': region(10, ({ c }) => c.w0.length === 3),
      },
      examples: [{ c: { w0: [0.5], b0: 0.1, learningRate: 0.1, epochs: 0, X: [[1]], y: [1] } }, { c: { w0: [-0.5, 0.25], b0: 0, learningRate: 0.2, epochs: 3, X: [[0.5, -1]], y: [0] } }],
    })
  })
  graded('training.defaultStart', 'without w0/b0 (W0/b0) the training starts from zeros: history[0] holds w = 0, b = 0 (W = 0, b = 0)', () => {
    const X = [[1, 2], [-1, 0.5], [0.5, -1]]
    const logistic = student.trainLogistic(X, [1, 0, 1], { learningRate: 0.1, epochs: 1 })
    expectEqual('trainLogistic(X (3 × 2), y, { learningRate: 0.1, epochs: 1 }).history[0] (w, b)', { w: logistic?.history?.[0]?.w, b: logistic?.history?.[0]?.b }, { w: [0, 0], b: 0 })
    const softmax = student.trainSoftmax(X, [0, 2, 1], 3, { learningRate: 0.1, epochs: 1 })
    expectEqual('trainSoftmax(X (3 × 2), y, 3, { learningRate: 0.1, epochs: 1 }).history[0] (W, b)', { W: softmax?.history?.[0]?.W, b: softmax?.history?.[0]?.b }, { W: [[0, 0], [0, 0], [0, 0]], b: [0, 0, 0] })
  })
  graded('trainLogistic.lecture', "the lecture's run on logistic_regression1: w = [0.1, 0.1], b = 1, η = 0.01, 1000 steps", () => {
    const { X, y } = split(loadDataset('logistic_regression1'), 'class')
    const opts = { learningRate: 0.01, epochs: 1000, w0: [0.1, 0.1], b0: 1 }
    const reference = trainLogisticRef(X, y, opts)
    const result = student.trainLogistic(X, y, opts)
    const w = Array.isArray(result?.w) ? result.w : [NaN, NaN]
    const b = typeof result?.b === 'number' ? result.b : NaN
    recordPlot({
      kind: 'decision-boundary', title: 'Logistic regression on logistic_regression1 (yours beside the reference)', dataset: 'logistic_regression1',
      extent: LR1_EXTENT, resolution: 36, student: grid((u, v) => sigmoidRef(w[0]! * u + w[1]! * v + b)), reference: grid((u, v) => sigmoidRef(dot(reference.w, [u, v]) + reference.b)),
    })
    // Gradient descent with η = 0.01 is stable here (η times the loss's largest curvature is about 0.06),
    // so the rounding differences of 1000 steps stay near 1e-13.
    expectClose('the trained { w, b }', { w: result.w, b: result.b }, { w: reference.w, b: reference.b }, { rel: 1e-8, abs: 1e-10 })
    expectTrue(result.history?.length === 1001, 'history must have 1001 entries', { expected: 1001, actual: result.history?.length })
    expectAccuracyWithin('the final accuracy', result.history.at(-1)!.accuracy, accuracyBounds(reference.w, reference.b, X, y))
  }, { timeout: 30_000 })
  graded('logistic.badInput', 'mismatched lengths, empty data, labels −1/+1 and bad options are refused', () => {
    const X = [[1, 2], [3, 4]]
    expectThrows('logisticGradient([1], 0, [[1, 2], [3, 4]], [0, 1]) (w too short)', () => student.logisticGradient([1], 0, X, [0, 1]))
    expectThrows('logisticGradient([1, 1], 0, [[1, 2], [3]], [0, 1]) (ragged rows)', () => student.logisticGradient([1, 1], 0, [[1, 2], [3]], [0, 1]))
    expectThrows('logisticGradient([1, 1], 0, X, [0]) (one label for two rows)', () => student.logisticGradient([1, 1], 0, X, [0]))
    expectThrows('logisticGradient([1, 1], 0, [], [])', () => student.logisticGradient([1, 1], 0, [], []))
    expectThrows('logisticGradient([1, 1], 0, X, [-1, 1]) (labels must be 0 and 1, not ±1)', () => student.logisticGradient([1, 1], 0, X, [-1, 1]))
    expectThrows('logisticGradient([1, NaN], 0, X, [0, 1])', () => student.logisticGradient([1, NaN], 0, X, [0, 1]))
    expectThrows('trainLogistic(X, [-1, 1], …) (labels ±1)', () => student.trainLogistic(X, [-1, 1], { learningRate: 0.1, epochs: 1 }))
    expectThrows('trainLogistic(X, y, { learningRate: 0, … })', () => student.trainLogistic(X, [0, 1], { learningRate: 0, epochs: 1 }))
    expectThrows('trainLogistic(X, y, { epochs: -1, … })', () => student.trainLogistic(X, [0, 1], { learningRate: 0.1, epochs: -1 }))
    expectThrows('trainLogistic(X, y, { epochs: 2.5, … })', () => student.trainLogistic(X, [0, 1], { learningRate: 0.1, epochs: 2.5 }))
    expectThrows('accuracy([1, 1], 0, X, [0, 2])', () => student.accuracy([1, 1], 0, X, [0, 2]))
    expectThrows('predict([1, 1], 0, [1])', () => student.predict([1, 1], 0, [1]))
  })
})

// ---- softmax regression ----

type SoftmaxCase = { k: number; W: number[][]; b: number[]; X: number[][]; y: number[] }
const softmaxRegions: Regions<{ c: SoftmaxCase }> = {
  'two classes': region(10, ({ c }) => c.k === 2),
  'four classes': region(10, ({ c }) => c.k === 4),
  'a class with no rows': region(15, ({ c }) => new Set(c.y).size < c.k),
  'one row': region(1, ({ c }) => c.X.length === 1),
}
const softmaxCase = fc.record({ k: fc.integer({ min: 2, max: 4 }), d: dimension }).chain(({ k, d }) =>
  fc.record({
    W: fc.array(vectorOf(param, d), { minLength: k, maxLength: k }),
    b: vectorOf(param, k),
    rows: fc.array(fc.tuple(vectorOf(fc.double({ min: -10, max: 10, noNaN: true }), d), fc.integer({ min: 0, max: k - 1 })), { minLength: 1, maxLength: 20 }),
  }).map(({ rows, ...rest }) => ({ ...rest, k, X: rows.map(([x]) => x), y: rows.map(([, c]) => c) })),
)

describe('softmax regression (k classes)', () => {
  graded('softmaxGradient.formula', 'equals mean((softmax(Wx + b) − onehot(y))·xᵀ) for W and mean(softmax(Wx + b) − onehot(y)) for b', () => {
    forAll({ c: softmaxCase }, ({ c }) =>
      expectClose('softmaxGradient(W, b, X, y)', student.softmaxGradient(c.W, c.b, c.X, c.y), softmaxGradientRef(c.W, c.b, c.X, c.y), F64),
    { regions: softmaxRegions, examples: [{ c: { k: 2, W: [[1], [-1]], b: [0, 0.5], X: [[0.5]], y: [1] } }] })
  })
  graded('softmaxGradient.tf', 'agrees with tf.grads of the mean tf.losses.softmaxCrossEntropy', () => {
    recordBackend(tf.getBackend())
    forAll({ c: softmaxCase }, ({ c }) => {
      const [dW, db] = tf.tidy(() => {
        const X = tf.tensor2d(c.X)
        const onehot = tf.oneHot(tf.tensor1d(c.y, 'int32'), c.k)
        const loss = (Wt: tf.Tensor, bt: tf.Tensor) => tf.losses.softmaxCrossEntropy(onehot, tf.add(tf.matMul(X, Wt as tf.Tensor2D, false, true), bt), undefined, 0, tf.Reduction.MEAN)
        const [gW, gb] = tf.grads(loss)([tf.tensor2d(c.W), tf.tensor1d(c.b)])
        return [gW!.arraySync() as number[][], Array.from(gb!.dataSync())]
      }) as [number[][], number[]]
      expectClose('softmaxGradient(W, b, X, y)', student.softmaxGradient(c.W, c.b, c.X, c.y), { dW, db }, TF_GRADIENT)
    }, { regions: softmaxRegions, examples: [{ c: { k: 3, W: [[1, 0], [0, 1], [-1, 1]], b: [0, 0.5, -0.5], X: [[0.5, -2]], y: [2] } }] })
  })
  graded('predictClass.argmax', 'predictClass gives the class with the largest Wₖ·x + bₖ', () => {
    forAll({ c: softmaxCase }, ({ c }) => {
      const x = c.X[0]!
      const z = softmaxLogitsRef(c.W, c.b, x)
      const top = argmax(z)
      fc.pre(z.every((v, k) => k === top || z[top]! - v > 1e-9))
      expectClose(`predictClass(W, b, ${JSON.stringify(x)})`, student.predictClass(c.W, c.b, x), top, { abs: 0, rel: 0 })
    }, { regions: { ...withoutRegions(softmaxRegions, 'a class with no rows', 'one row'), 'the last class wins': region(10, ({ c }) => argmax(softmaxLogitsRef(c.W, c.b, c.X[0]!)) === c.k - 1), 'the first class wins': region(10, ({ c }) => argmax(softmaxLogitsRef(c.W, c.b, c.X[0]!)) === 0) } })
  })
  graded('trainSoftmax.steps', 'each step moves W and b against the gradient from the same point, and history records every state', () => {
    // Inputs in [−1, 1], starting weights in [−0.5, 0.5] and at most 5 steps of η ≤ 0.2 keep |zₖ| ≤ 6,
    // so every probability stays above 1.5e-6 and a clipped cross-entropy (ε ≤ 1e-6) is exact here.
    const small = fc.double({ min: -0.5, max: 0.5, noNaN: true })
    const steps = fc.record({ k: fc.integer({ min: 2, max: 4 }), d: dimension }).chain(({ k, d }) =>
      fc.record({
        W: fc.array(vectorOf(small, d), { minLength: k, maxLength: k }),
        b: vectorOf(small, k),
        rows: fc.array(fc.tuple(vectorOf(fc.double({ min: -1, max: 1, noNaN: true }), d), fc.integer({ min: 0, max: k - 1 })), { minLength: 1, maxLength: 20 }),
        learningRate: fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        epochs: fc.integer({ min: 0, max: 5 }),
      }).map(({ rows, learningRate, epochs, ...rest }) => ({ c: { ...rest, k, X: rows.map(([x]) => x), y: rows.map(([, c]) => c) }, learningRate, epochs })),
    )
    forAll({ s: steps }, ({ s: { c, learningRate, epochs } }) => {
      const result = student.trainSoftmax(c.X, c.y, c.k, { learningRate, epochs, W0: c.W, b0: c.b })
      const h = result.history
      expectTrue(Array.isArray(h) && h.length === epochs + 1, `history must have epochs + 1 = ${epochs + 1} entries`, { expected: epochs + 1, actual: Array.isArray(h) ? h.length : h })
      expectClose('history[0] (the starting point)', { W: h[0]!.W, b: h[0]!.b }, { W: c.W, b: c.b }, { abs: 0, rel: 0 })
      h.forEach((entry, t) => {
        // Log-probabilities are computed from logits: no clipping enters, only rounding.
        expectClose(`history[${t}].loss`, entry.loss, softmaxLossRef(entry.W, entry.b, c.X, c.y), { rel: 1e-9, abs: 1e-9 })
        expectAccuracyWithin(`history[${t}].accuracy`, entry.accuracy, softmaxAccuracyBounds(entry.W, entry.b, c.X, c.y))
        if (t === 0) return
        const prev = h[t - 1]!
        const g = softmaxGradientRef(prev.W, prev.b, c.X, c.y)
        const expected = { W: prev.W.map((row, k) => row.map((v, j) => v - learningRate * g.dW[k]![j]!)), b: prev.b.map((v, k) => v - learningRate * g.db[k]!) }
        expectClose(`step ${t}: (W, b) from history[${t - 1}]`, { W: entry.W, b: entry.b }, expected, F64)
      })
      expectClose('the result { W, b } (the last state in history)', { W: result.W, b: result.b }, { W: h.at(-1)!.W, b: h.at(-1)!.b }, { abs: 0, rel: 0 })
    }, { regions: { 'epochs = 0 (the start only)': region(3, ({ s }) => s.epochs === 0), 'two classes': region(10, ({ s }) => s.c.k === 2), 'a class with no rows': region(10, ({ s }) => new Set(s.c.y).size < s.c.k) } })
  })
  graded('softmaxRegression.badInput', 'labels outside 0 … k−1, ragged W and k < 2 are refused', () => {
    const X = [[1, 2], [3, 4]]
    const W = [[0, 0], [0, 0], [0, 0]]
    expectThrows('softmaxGradient(W, b, X, [0, 3]) with k = 3', () => student.softmaxGradient(W, [0, 0, 0], X, [0, 3]))
    expectThrows('softmaxGradient(W, [0, 0], X, [0, 1]) (b too short)', () => student.softmaxGradient(W, [0, 0], X, [0, 1]))
    expectThrows('softmaxGradient([[0, 0], [0]], [0, 0], X, [0, 1]) (ragged W)', () => student.softmaxGradient([[0, 0], [0]], [0, 0], X, [0, 1]))
    expectThrows('trainSoftmax(X, [0, 0], 1, …) (k = 1)', () => student.trainSoftmax(X, [0, 0], 1, { learningRate: 0.1, epochs: 1 }))
    expectThrows('trainSoftmax(X, [0, 1.5], 3, …)', () => student.trainSoftmax(X, [0, 1.5], 3, { learningRate: 0.1, epochs: 1 }))
    expectThrows('softmaxGradient(W, b, X, [0, -1]) (label −1)', () => student.softmaxGradient(W, [0, 0, 0], X, [0, -1]))
    expectThrows('softmaxGradient(W, b, X (2 rows), [0]) (one label for two rows)', () => student.softmaxGradient(W, [0, 0, 0], X, [0]))
    expectThrows('trainSoftmax(X (2 rows), [0, 1, 2], 3, …) (three labels for two rows)', () => student.trainSoftmax(X, [0, 1, 2], 3, { learningRate: 0.1, epochs: 1 }))
  })
})

// ---- the Gaussian generative model ----

/**
 * Checks P(C₁ | x) against σ(w·x + b) of the closed form, in log space: ln P(C₁ | x) against ln σ(z),
 * and, through the model with its classes swapped, ln P(C₀ | x) against ln σ(−z). So a probability
 * of 1e-200 is checked to its relative precision, not lost next to 1.
 *
 * Tolerance: z is half the difference of two squared Mahalanobis distances Q₀, Q₁ (up to about
 * 1e8 for far points), each computed to a relative 1e-12 or better (Σ's condition number stays
 * below 1e4); and |d ln σ(z)/dz| ≤ 1. So 1e-9·(1 + Q₀ + Q₁) is a thousand times the rounding, and
 * below the mistakes these tests look for (near the means, where Q is small, a forgotten prior
 * moves z by ln(P(C₁)/P(C₀)); far away, the ratio of densities is 0/0 = NaN).
 */
function expectPosterior(model: SharedModelRef, x: number[]): void {
  const { w, b } = closedForm(model)
  const z = dot(w, x) + b
  const slack = 1e-12 + 1e-9 * (1 + mahalanobis2(model, 0, x) + mahalanobis2(model, 1, x))
  const sides: [string, SharedModelRef, number][] = [['P(C₁ | x)', model, z], ['P(C₀ | x), from the model with classes swapped,', swapClasses(model), -z]]
  for (const [name, m, zz] of sides) {
    const p = student.posterior(m, x)
    expectTrue(typeof p === 'number' && p >= 0 && p <= 1, `posterior(model, ${JSON.stringify(x)}) = ${p} is not a probability`, { expected: prose('a number in [0, 1]'), actual: p })
    const expectedLog = logSigmoidRef(zz)
    if (expectedLog < -700) {
      // σ(zz) < e^−700: the double nearest to it may be 0 or a tiny number; either is right.
      expectTrue(p <= Math.exp(-690), `${name} = ${p}, but σ(${zz}) = e^${expectedLog.toFixed(1)}`, { expected: prose(`≤ e^-690`), actual: p })
    } else if (!(Math.abs(Math.log(p) - expectedLog) <= slack)) {
      throw new Mismatch(`${name} at x = ${JSON.stringify(x)} should be σ(w·x + b) with w = Σ⁻¹(μ₁ − μ₀) (compared as logarithms)`, prose(`ln P = ${expectedLog}  (z = w·x + b = ${zz})`), prose(`ln P = ${Math.log(p)}  (P = ${p})`), { abs: slack })
    }
  }
}

const posteriorRegions: Regions<{ input: { model: SharedModelRef; x: number[] } }> = {
  'unequal priors: |ln(P(C₁)/P(C₀))| > 1': region(15, ({ input: { model } }) => Math.abs(Math.log(model.priors[1] / model.priors[0])) > 1),
  'one feature': region(10, ({ input: { model } }) => model.cov.length === 1),
  'three features': region(10, ({ input: { model } }) => model.cov.length === 3),
  'a point within 1 of the midpoint': region(10, ({ input: { model, x } }) => Math.hypot(...x.map((v, j) => v - (model.means[0][j]! + model.means[1][j]!) / 2)) < 1),
}

describe('the Gaussian generative model ("tribe x / tribe y")', () => {
  graded('fitGaussian.formula', 'fitGaussian gives the maximum-likelihood mean and covariance, with 1/|C| (as mathjs computes them)', () => {
    forAll({ X: dimension.chain((d) => matrixArb(1, 30, d)) }, ({ X }) =>
      // Products of coordinates up to 10: 1e-10 absolute is far above rounding (about 1e-13).
      expectClose('fitGaussian(X)', student.fitGaussian(X), fitGaussianRef(X), { rel: 1e-9, abs: 1e-10 }),
    { examples: [{ X: [[1, 2]] }, { X: [[0, 0], [2, 2]] }], regions: { 'one row (Σ = 0)': region(2, ({ X }) => X.length === 1), 'one feature': region(10, ({ X }) => X[0]!.length === 1), 'three features': region(10, ({ X }) => X[0]!.length === 3) } })
  })
  graded('fitSharedCovariance.formula', 'fitSharedCovariance gives both means, Σ = (|C₀|Σ₀ + |C₁|Σ₁)/n and the priors |Cᵢ|/n', () => {
    forAll({ data: dimension.chain((d) => labelledDataArb(d, 2, 30)) }, ({ data }) =>
      expectClose('fitSharedCovariance(X, y)', student.fitSharedCovariance(data.X, data.y), fitSharedCovarianceRef(data.X, data.y), { rel: 1e-9, abs: 1e-10 }),
    {
      regions: {
        'a class of one row': region(5, ({ data }) => [0, 1].some((k) => data.y.filter((c) => c === k).length === 1)),
        'classes of different sizes': region(25, ({ data }) => 2 * data.y.filter((c) => c === 1).length !== data.y.length),
        'three features': region(10, ({ data }) => data.X[0]!.length === 3),
      },
    })
  })
  graded('posterior.nearPoints', 'with a shared Σ the posterior is σ(w·x + b), w = Σ⁻¹(μ₁ − μ₀) (points near the means)', () => {
    forAll({ input: modelAndPoint(false) }, ({ input: { model, x } }) => expectPosterior(model, x), { regions: posteriorRegions })
  })
  graded('posterior.farPoints', 'far from both means (150 to 400 units), where both densities underflow to 0, the posterior is still σ(w·x + b), not NaN', () => {
    forAll({ input: modelAndPoint(true) }, ({ input: { model, x } }) => expectPosterior(model, x), { regions: withoutRegions(posteriorRegions, 'a point within 1 of the midpoint') })
  })
  graded('posterior.dataset', 'on logistic_regression1 the generative classifier is right for at least 90% of the points', () => {
    const { X, y } = split(loadDataset('logistic_regression1'), 'class')
    const model = student.fitSharedCovariance(X, y)
    const reference = closedForm(fitSharedCovarianceRef(X, y))
    recordPlot({
      kind: 'decision-boundary', title: 'Gaussian generative model with a shared covariance: P(class 1 | x)', dataset: 'logistic_regression1',
      extent: LR1_EXTENT, resolution: 36, student: grid((u, v) => student.posterior(model, [u, v])), reference: grid((u, v) => sigmoidRef(dot(reference.w, [u, v]) + reference.b)),
    })
    // The two blobs overlap: the best any classifier can expect is Φ(√7.5 / 2) ≈ 91.5%; the reference model gets 91.5%.
    const right = X.filter((x, i) => (student.posterior(model, x) >= 0.5 ? 1 : 0) === y[i]).length / X.length
    expectTrue(right >= 0.9, `the posterior classifies only ${(100 * right).toFixed(1)}% of logistic_regression1 correctly`, { expected: prose('at least 90%'), actual: right })
  }, { timeout: 30_000 })
  graded('gaussian.badInput', 'empty or ragged data, a missing class, labels other than 0/1, a wrong x and a singular Σ are refused', () => {
    const model = { means: [[0, 0], [1, 1]] as [number[], number[]], cov: [[1, 0], [0, 1]], priors: [0.5, 0.5] as [number, number] }
    expectThrows('fitGaussian([])', () => student.fitGaussian([]))
    expectThrows('fitGaussian([[1, 2], [3]])', () => student.fitGaussian([[1, 2], [3]]))
    expectThrows('fitGaussian([[NaN, 1]])', () => student.fitGaussian([[NaN, 1]]))
    expectThrows('fitSharedCovariance([[1], [2]], [0, 0]) (no row of class 1)', () => student.fitSharedCovariance([[1], [2]], [0, 0]))
    expectThrows('fitSharedCovariance([[1], [2]], [-1, 1])', () => student.fitSharedCovariance([[1], [2]], [-1, 1]))
    expectThrows('fitSharedCovariance([[1], [2]], [0])', () => student.fitSharedCovariance([[1], [2]], [0]))
    expectThrows('posterior(model, [1]) (x has 1 coordinate, the model 2)', () => student.posterior(model, [1]))
    expectThrows('posterior({ …, cov: [[0, 0], [0, 0]] }, [1, 1]) (one point per class: Σ = 0)', () => student.posterior({ ...model, cov: [[0, 0], [0, 0]] }, [1, 1]))
    expectThrows('posterior({ …, cov: [[1, 2], [2, 4]] }, [1, 1]) (singular Σ)', () => student.posterior({ ...model, cov: [[1, 2], [2, 4]] }, [1, 1]))
    // Singular too (the second row is 0.1 × the first), but in floating point 0.1 · 0.1 ≠ 0.01: the
    // determinant comes out as −1.7e−18 and the last pivot as well, not 0. A check for an exact 0
    // misses it and returns a "probability" computed from a pivot that is rounding noise.
    expectThrows('posterior({ …, cov: [[1, 0.1], [0.1, 0.01]] }, [1, 1]) (singular Σ; rounding leaves a pivot of −1.7e−18)', () =>
      student.posterior({ ...model, cov: [[1, 0.1], [0.1, 0.01]] }, [1, 1]))
  })
})

describe('messages', () => {
  graded('classification.messagesSayWhat', 'a refusal names the argument at fault (w or x, b, X or W, p or y, the covariance)', () => {
    const X = [[1, 2], [3, 4]]
    const ragged = [[1, 2], [3]]
    const W = [[0, 0], [0, 0], [0, 0]]
    const model = { means: [[0, 0], [1, 1]] as [number[], number[]], cov: [[1, 0], [0, 1]], priors: [0.5, 0.5] as [number, number] }
    const word = namesWord
    const covariance = (text: string) => /cov|Σ|covariance/i.test(text)
    const cases: Array<[string, () => unknown, (text: string) => boolean, string]> = [
      ['predict([1, NaN], 0, [1, 1])', () => student.predict([1, NaN], 0, [1, 1]), word('w'), 'w'],
      ['predict([1, 1], NaN, [1, 1])', () => student.predict([1, 1], NaN, [1, 1]), word('b'), 'b'],
      ['predict([1, 1], 0, [1])', () => student.predict([1, 1], 0, [1]), word('x'), 'x'],
      ['logisticGradient([1, NaN], 0, X, [0, 1])', () => student.logisticGradient([1, NaN], 0, X, [0, 1]), word('w'), 'w'],
      ['logisticGradient([1, 1], NaN, X, [0, 1])', () => student.logisticGradient([1, 1], NaN, X, [0, 1]), word('b'), 'b'],
      ['logisticGradient([1, 1], 0, [[1, 2], [3]], [0, 1])', () => student.logisticGradient([1, 1], 0, ragged, [0, 1]), word('X'), 'X'],
      ['logisticGradient([1, 1], 0, [[1, 2], [3, NaN]], [0, 1])', () => student.logisticGradient([1, 1], 0, [[1, 2], [3, NaN]], [0, 1]), word('X'), 'X'],
      ['trainLogistic([[1, 2], [3]], [0, 1], …)', () => student.trainLogistic(ragged, [0, 1], { learningRate: 0.1, epochs: 1 }), word('X'), 'X'],
      ['binaryCrossEntropy(1.5, 1)', () => student.binaryCrossEntropy(1.5, 1), word('p'), 'p'],
      ['binaryCrossEntropy(0.5, 2)', () => student.binaryCrossEntropy(0.5, 2), word('y'), 'y'],
      ['categoricalCrossEntropy([-0.5, 1.5], [0, 1])', () => student.categoricalCrossEntropy([-0.5, 1.5], [0, 1]), word('p'), 'p'],
      ['categoricalCrossEntropy([0.5, 0.5], [-0.5, 1.5])', () => student.categoricalCrossEntropy([0.5, 0.5], [-0.5, 1.5]), word('y'), 'y'],
      ['softmaxGradient([[0, 0], [0]], [0, 0], X, [0, 1])', () => student.softmaxGradient([[0, 0], [0]], [0, 0], X, [0, 1]), word('W'), 'W'],
      ['softmaxGradient(W (3 rows), [0, 0], X, [0, 1])', () => student.softmaxGradient(W, [0, 0], X, [0, 1]), word('b'), 'b'],
      ['softmaxGradient(W, [0, 0, 0], [[1, 2], [3]], [0, 1])', () => student.softmaxGradient(W, [0, 0, 0], ragged, [0, 1]), word('X'), 'X'],
      ['predictClass([[0, 0], [0]], [0, 0], [1, 1])', () => student.predictClass([[0, 0], [0]], [0, 0], [1, 1]), word('W'), 'W'],
      ['predictClass([[0, 0], [0, 0]], [0], [1, 1])', () => student.predictClass([[0, 0], [0, 0]], [0], [1, 1]), word('b'), 'b'],
      ['predictClass([[0, 0], [0, 0]], [0, 0], [1])', () => student.predictClass([[0, 0], [0, 0]], [0, 0], [1]), word('x'), 'x'],
      ['trainSoftmax([[1, 2], [3]], [0, 1], 2, …)', () => student.trainSoftmax(ragged, [0, 1], 2, { learningRate: 0.1, epochs: 1 }), word('X'), 'X'],
      ['fitSharedCovariance([[1, 2], [3]], [0, 1])', () => student.fitSharedCovariance(ragged, [0, 1]), word('X'), 'X'],
      ['posterior({ …, cov: [[1, 0], [0]] }, [1, 1])', () => student.posterior({ ...model, cov: [[1, 0], [0]] }, [1, 1]), covariance, 'the covariance (cov or Σ)'],
      ['posterior(model, [1])', () => student.posterior(model, [1]), word('x'), 'x'],
    ]
    for (const [what, call, names, name] of cases) expectThrowsNaming(what, call, names, name)
  })
})

describe('arguments', () => {
  graded('classification.argumentsUnchanged', 'no function changes the arrays it is given', () => {
    const X = [[1, 2], [3, -1], [0.5, 0.5], [-2, 1]]
    const y = [1, 0, 1, 0]
    const W = [[0.1, 0.2], [0.3, -0.1], [0, 0.5]]
    const model = { means: [[0, 0], [1, 1]], cov: [[2, 0.5], [0.5, 1]], priors: [0.4, 0.6] }
    type M = number[][]
    type V = number[]
    const unchanged = expectArgumentsUnchanged
    unchanged('softmax', [[3, 1, 2]], (z) => student.softmax(z as V))
    unchanged('logSoftmax', [[3, 1, 2]], (z) => student.logSoftmax(z as V))
    unchanged('categoricalCrossEntropy', [[0.2, 0.8], [0, 1]], (p, t) => student.categoricalCrossEntropy(p as V, t as V))
    unchanged('logisticGradient', [[0.5, -0.5], 0.1, X, y], (w, b, A, t) => student.logisticGradient(w as V, b as number, A as M, t as V))
    unchanged('trainLogistic', [X, y, { learningRate: 0.1, epochs: 3, w0: [0.5, -0.5], b0: 0.1 }], (A, t, o) => student.trainLogistic(A as M, t as V, o as student.TrainOptions))
    unchanged('predict', [[0.5, -0.5], 0.1, [1, 2]], (w, b, x) => student.predict(w as V, b as number, x as V))
    unchanged('accuracy', [[0.5, -0.5], 0.1, X, y], (w, b, A, t) => student.accuracy(w as V, b as number, A as M, t as V))
    unchanged('softmaxGradient', [W, [0, 0.1, -0.1], X, [0, 2, 1, 0]], (w, b, A, t) => student.softmaxGradient(w as M, b as V, A as M, t as V))
    unchanged('trainSoftmax', [X, [0, 2, 1, 0], 3, { learningRate: 0.1, epochs: 3, W0: W, b0: [0, 0.1, -0.1] }], (A, t, k, o) => student.trainSoftmax(A as M, t as V, k as number, o as student.SoftmaxTrainOptions))
    unchanged('predictClass', [W, [0, 0.1, -0.1], [1, 2]], (w, b, x) => student.predictClass(w as M, b as V, x as V))
    unchanged('fitGaussian', [X], (A) => student.fitGaussian(A as M))
    unchanged('fitSharedCovariance', [X, y], (A, t) => student.fitSharedCovariance(A as M, t as V))
    unchanged('posterior', [model, [1, 2]], (m, x) => student.posterior(m as student.SharedCovarianceModel, x as V))
  })
})
