/**
 * Logistic regression that takes labels −1/+1 without complaint: with the 0/1 formulas a −1 label silently pushes the wrong way.
 * @replaces 06-classification/classification.ts
 * @mustFail logistic.badInput
 */
import { sigmoid, trainLogistic as answer, type LogisticGradient, type LogisticResult, type TrainOptions } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  if (X.length === 0 || X.some((x) => x.length !== w.length) || y.length !== X.length) throw new RangeError('shapes do not match')
  if ([...w, b].some((v) => !Number.isFinite(v))) throw new RangeError('w and b must be finite')
  const dw = w.map(() => 0)
  let db = 0
  X.forEach((x, i) => {
    const r = sigmoid(x.reduce((s, v, j) => s + v * w[j]!, b)) - y[i]!
    x.forEach((v, j) => (dw[j]! += r * v))
    db += r
  })
  return { dw: dw.map((v) => v / X.length), db: db / X.length }
}

export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  // Maps −1 to 0 behind the caller's back instead of refusing the labels.
  return answer(X, y.map((c) => (c === -1 ? 0 : c)), opts)
}
