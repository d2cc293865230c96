// The oracles leave their inputs alone, as the students' code must (each topic's argumentsUnchanged
// test): a test that hands the same arrays to an oracle and then to the student's code would
// otherwise judge the student on inputs the oracle had changed.
//
// Every argument is deep-frozen before the call (in strict-mode code a write to a frozen array
// throws), and compared after the call with a copy taken before it.
import { describe, expect, test } from 'vitest'
import { createRng } from '../../reference/public/rng.ts'
import { add as addE, c, mul, pow, sin, x } from '../../reference/public/expr.ts'
import * as limits from '../../reference/oracles/limits.ts'
import * as derivatives from '../../reference/oracles/derivatives.ts'
import * as matrices from '../../reference/oracles/matrices.ts'
import * as search from '../../reference/oracles/neighbour-search.ts'
import * as gd from '../../reference/oracles/gradient-descent.ts'
import * as cls from '../../reference/oracles/classification.ts'
import * as fe from '../../reference/oracles/feature-extraction.ts'

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key])
  }
  return value
}

/** Calls `call` on frozen copies of `args` and checks that they still equal copies taken before. */
function leavesInputs(args: unknown[], call: (...a: any[]) => unknown): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- oracles of every signature
  const before = structuredClone(args)
  const frozen = deepFreeze(structuredClone(args))
  call(...frozen)
  expect(frozen).toEqual(before)
}

const X = [[1, 2], [3, -1], [0.5, 4], [-2, 0.25]]
const y = [1, 0, 1, 0]
const xs = [1, 2, 3, 4, 5]
const ys = [1.1, 1.9, 3.2, 3.9, 5.1]

describe('the oracles leave their inputs unchanged', () => {
  test('limits', () => {
    leavesInputs([], () => limits.findViolation((t) => 2 * t, 1, 2, 0.6, 1))
  })

  test('derivatives', () => {
    const expr = addE(mul(c(3), pow(x, 2)), sin(x))
    leavesInputs([expr], (e) => derivatives.mathjsDerivative(e)(1.5))
    leavesInputs([expr], (e) => derivatives.wellConditioned(e, 0.7))
    leavesInputs([expr], (e) => derivatives.referenceSlope(e, 0.7))
  })

  test('matrices', () => {
    const A = [[1, 2, 3], [4, 5, 6]]
    const B = [[1, 0], [2, 1], [0.5, 3]]
    const u = [1, 2, 3]
    leavesInputs([u, u], (p, q) => matrices.mathjsDot(p, q))
    leavesInputs([A, A], (P, Q) => matrices.mathjsAdd(P, Q))
    leavesInputs([A], (P) => matrices.mathjsScale(2.5, P))
    leavesInputs([A], (P) => matrices.mathjsTranspose(P))
    leavesInputs([A, B], (P, Q) => matrices.mathjsMultiply(P, Q))
    leavesInputs([A, u], (P, v) => matrices.mathjsMatvec(P, v))
    leavesInputs([u, u], (p, q) => matrices.dotTolerance(p, q))
    leavesInputs([A, B], (P, Q) => matrices.productTolerance(P, Q))
    leavesInputs([A, u], (P, v) => matrices.matvecTolerance(P, v))
  })

  test('neighbour search', () => {
    const loss = (w: number, b: number) => search.referenceMse(w, b, xs, ys)
    leavesInputs([[-4, 4]], (start) => search.referenceSearch(loss, start, 0.5))
    leavesInputs([[-4, 4], [0.5, 0.1]], (start, deltas) => search.referenceRefine(loss, start, deltas))
    leavesInputs([[1, 2]], (p) => search.neighbours(p, 0.5))
    leavesInputs([xs, ys], (p, q) => search.referenceMse(1, 0, p, q))
    leavesInputs([xs, ys], (p, q) => search.plainMse(1, 0, p, q))
    leavesInputs([xs, ys], (p, q) => search.leastSquaresLine(p, q))
  })

  test('gradient descent', () => {
    const start = { w: [0.5, -0.5], b: 0.25 }
    leavesInputs([X], (P) => gd.withOnes(P))
    leavesInputs([start, X, y], (s, P, q) => gd.mseOf(s, P, q))
    leavesInputs([start, X, y], (s, P, q) => gd.gradientOf(s, P, q))
    leavesInputs([xs, ys], (p, q) => gd.numericGradient1(1, 0, p, q))
    leavesInputs([xs, ys], (p, q) => gd.tfGradient1(1, 0, p, q))
    leavesInputs([X, y, start], (P, q, s) => gd.referenceGD(P, q, 0.01, 5, s))
    leavesInputs([X, y, start], (P, q, s) => gd.referenceSGD(P, q, 0.01, 3, 2, createRng(5), s))
    leavesInputs([X, y], (P, q) => gd.leastSquares(P, q))
    leavesInputs([X], (P) => gd.hessianEigenvalues(P))
    leavesInputs([xs], (p) => gd.referencePolyFeatures(p, 3))
  })

  test('classification', () => {
    const w = [0.5, -1]
    const z = [1000, 0, -3]
    leavesInputs([z], (v) => cls.logSumExpRef(v))
    leavesInputs([z], (v) => cls.softmaxRef(v))
    leavesInputs([z], (v) => cls.logSoftmaxRef(v))
    leavesInputs([[0.2, 0.8], [0, 1]], (p, q) => cls.categoricalCrossEntropyRef(p, q))
    leavesInputs([w, X, y], (v, P, q) => cls.logisticLossRef(v, 0.1, P, q))
    leavesInputs([w, X, y], (v, P, q) => cls.logisticGradientRef(v, 0.1, P, q))
    leavesInputs([w, X, y], (v, P, q) => cls.accuracyRef(v, 0.1, P, q))
    leavesInputs([X, y, { learningRate: 0.1, epochs: 3, w0: [0.1, 0.2], b0: 0.5 }], (P, q, o) => cls.trainLogisticRef(P, q, o))
    const W = [[0.1, 0.2], [-0.3, 0.4], [0, 0]]
    const b3 = [0, 0.5, -0.5]
    const y3 = [0, 1, 2, 1]
    leavesInputs([W, b3, X[0]], (V, b, p) => cls.softmaxLogitsRef(V, b, p))
    leavesInputs([W, b3, X, y3], (V, b, P, q) => cls.softmaxLossRef(V, b, P, q))
    leavesInputs([W, b3, X, y3], (V, b, P, q) => cls.softmaxGradientRef(V, b, P, q))
    leavesInputs([W, b3, X, y3], (V, b, P, q) => cls.softmaxAccuracyRef(V, b, P, q))
    leavesInputs([X, y3, { learningRate: 0.1, epochs: 3, W0: W, b0: b3 }], (P, q, o) => cls.trainSoftmaxRef(P, q, 3, o))
    leavesInputs([X], (P) => cls.fitGaussianRef(P))
    leavesInputs([X, y], (P, q) => cls.fitSharedCovarianceRef(P, q))
    const model = cls.fitSharedCovarianceRef(X, y)
    leavesInputs([model], (m) => cls.closedForm(m))
    leavesInputs([model, [1, 1]], (m, p) => cls.mahalanobis2(m, 1, p))
    leavesInputs([w, X, y], (v, P, q) => cls.accuracyBounds(v, 0.1, P, q))
    leavesInputs([W, b3, X, y3], (V, b, P, q) => cls.softmaxAccuracyBounds(V, b, P, q))
  })

  test('feature extraction', () => {
    leavesInputs([[3, -4]], (p) => fe.radiusRef(p))
    leavesInputs([[3, -4]], (p) => fe.productRef(p))
    leavesInputs([[2, 3], [1, 2]], (p, e) => fe.monomial(p, e))
    leavesInputs([[[1, 5], [2, 5], [4, 5]]], (P) => fe.standardizeRef(P))
    leavesInputs([X, y], (P, q) => fe.fitReference(P, q).accuracy(X, y))
    leavesInputs([y], (q) => fe.majorityRate(q))
  })
})
