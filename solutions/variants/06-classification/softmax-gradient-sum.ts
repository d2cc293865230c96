/**
 * The softmax-regression gradient summed over the rows instead of averaged (no 1/n).
 * @replaces 06-classification/classification.ts
 * @mustFail softmaxGradient.formula softmaxGradient.tf
 */
import { softmaxGradient as answer, type SoftmaxGradient } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function softmaxGradient(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  const g = answer(W, b, X, y)
  return { dW: g.dW.map((row) => row.map((v) => v * X.length)), db: g.db.map((v) => v * X.length) }
}
